import { parseReport, runTool } from './exec.ts';
import type { Finding, LintReport } from './findings.ts';
import type { LintTarget } from './targets.ts';

interface RedoclyReport {
  problems: {
    ruleId: string;
    severity: 'error' | 'warn';
    message: string;
    location: { source: { ref: string }; start?: { line: number; col: number } }[];
  }[];
}

/** Lints one document with the repository's redocly.yaml. */
export async function lintWithRedocly(target: LintTarget): Promise<LintReport> {
  const run = await runTool('redocly', ['lint', target.file, '--format', 'json', '--max-problems', '10000']);
  const report = parseReport<RedoclyReport>('redocly', run);
  const findings: Finding[] = report.problems.map((problem) => {
    const where = problem.location[0];
    return {
      severity: problem.severity === 'warn' ? 'warning' : 'error',
      code: problem.ruleId,
      message: problem.message,
      location: `${where?.source.ref ?? target.file}:${where?.start?.line ?? 1}:${where?.start?.col ?? 1}`,
    };
  });
  return { linter: 'redocly', target: target.name, findings, ms: run.ms };
}
