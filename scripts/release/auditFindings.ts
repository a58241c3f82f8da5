/** The part of `pnpm audit --json` we read. */
export interface AuditReport {
  advisories?: Record<string, { id?: number; github_advisory_id?: string; module_name: string; severity: string; title: string; url: string }>;
}

/** An advisory we cannot fix yet, with the reason written down; keyed by GHSA id. */
export type AuditExceptions = Record<string, { reason: string }>;

/** High and critical advisories with no written exception: each one fails the release. */
export function unexplainedFindings(report: AuditReport, exceptions: AuditExceptions): string[] {
  return Object.values(report.advisories ?? {})
    .filter((advisory) => advisory.severity === 'high' || advisory.severity === 'critical')
    .filter((advisory) => !(advisory.github_advisory_id && exceptions[advisory.github_advisory_id]?.reason))
    .map((advisory) => `${advisory.severity}: ${advisory.module_name}: ${advisory.title} (${advisory.github_advisory_id ?? advisory.id}, ${advisory.url})`);
}
