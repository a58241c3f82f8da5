/**
 * `pnpm release:audit`: `pnpm audit --prod`, failing on any high or critical advisory that has no
 * written reason in releases/audit-exceptions.json. An unreachable advisory endpoint is a failure
 * that says so, never a pass.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { quietToolEnv, repoRoot } from '../lib/run.ts';
import { unexplainedFindings, type AuditExceptions, type AuditReport } from './auditFindings.ts';

const exceptions = JSON.parse(readFileSync(join(repoRoot, 'releases', 'audit-exceptions.json'), 'utf8')) as AuditExceptions;
const result = spawnSync('pnpm', ['audit', '--prod', '--json'], { cwd: repoRoot, env: quietToolEnv, encoding: 'utf8', timeout: 120_000 });
let report: AuditReport;
try {
  report = JSON.parse(result.stdout) as AuditReport;
} catch {
  console.error(`✘ pnpm audit gave no report; nothing was checked:\n${result.stdout}${result.stderr}`.trim());
  process.exit(1);
}
if (!report.advisories) {
  console.error(`✘ pnpm audit did not answer with advisories; nothing was checked:\n${result.stdout.slice(0, 2000)}`);
  process.exit(1);
}
const findings = unexplainedFindings(report, exceptions);
for (const finding of findings) console.log(`✘ ${finding}`);
console.log(`${findings.length ? '✘' : '✔'} audit --prod: ${findings.length} high or critical finding(s) without a written reason`);
process.exitCode = findings.length ? 1 : 0;
