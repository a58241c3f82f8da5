import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot, runBin } from '../lib/run.ts';
import { refineReport } from './refineReport.ts';

/** Our own diff config: without one naming the diff rules, Redocly would read redocly.yaml and rate nothing major. */
export const diffConfigPath = join(repoRoot, 'scripts', 'release', 'redocly-diff.yaml');

export type Impact = 'major' | 'minor' | 'patch';

export interface SpecChange {
  /** JSON pointer of the change as a caller sees it (through $refs), e.g. `#/paths/~1v1~1…/post/requestBody/…`. */
  path: string;
  kind: 'added' | 'removed' | 'modified';
  /** For `modified`: the keyword that changed (`required`, `enum`, `version`…). */
  property?: string;
  impact: Impact;
  /** Every operation part the change reaches through a shared component, when more than the one in `path`. */
  locations?: string[];
  verdicts: { ruleId: string; impact: Impact; message: string }[];
}

/** What `redocly diff --format json` reports; only the fields we read. */
export interface SpecDiffReport {
  infoVersions: { base: string; revision: string };
  summary: Record<Impact, number>;
  changes: SpecChange[];
}

/** The largest impact among the changes (Redocly leaves `bump` out when there are none). */
export function largestImpact(report: SpecDiffReport): Impact | 'none' {
  const { major, minor, patch } = report.summary;
  return major > 0 ? 'major' : minor > 0 ? 'minor' : patch > 0 ? 'patch' : 'none';
}

/**
 * Compares two OpenAPI documents with Redocly's direction-aware differ (a new required request field
 * and a removed response field are both `major`), then corrects what it misses (refineReport.ts).
 * Never fails on impact: the caller applies the rule.
 */
export function diffSpecs(basePath: string, revisionPath: string): SpecDiffReport {
  const dir = mkdtempSync(join(tmpdir(), 'voucher-spec-diff-'));
  try {
    const reportPath = join(dir, 'diff.json');
    runBin('redocly', ['diff', basePath, revisionPath, '--format', 'json', '--output', reportPath, '--fail-on', 'none', '--config', diffConfigPath, '--lint-config', 'off']);
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as SpecDiffReport;
    // Redocly takes YAML or JSON; `yaml` reads both.
    const read = (path: string) => parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    return refineReport(report, read(basePath), read(revisionPath));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
