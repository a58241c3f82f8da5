/** What one linter said about one target, in a shape shared by Spectral and Redocly. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Finding {
  severity: Severity;
  code: string;
  message: string;
  /** `file:line:column`, relative to the repository root. */
  location: string;
}

export interface LintReport {
  linter: 'spectral' | 'redocly';
  target: string;
  findings: Finding[];
  ms: number;
}

export function count(report: LintReport, severity: Severity): number {
  return report.findings.filter((finding) => finding.severity === severity).length;
}

/** Errors and warnings both fail the lint: the bar is a clean report, or a rule off with a reason. */
export function isClean(report: LintReport): boolean {
  return count(report, 'error') === 0 && count(report, 'warning') === 0;
}
