/**
 * `pnpm lint`: Spectral (house rules + OWASP) and Redocly, each on the split source and on the
 * bundle. Prints every finding and a summary; exits 1 on any error or warning.
 */
import { availableParallelism } from 'node:os';
import { count, isClean, type LintReport } from './lint/findings.ts';
import { lintWithRedocly } from './lint/redocly.ts';
import { lintWithSpectral } from './lint/spectral.ts';
import { lintTargets } from './lint/targets.ts';

const started = performance.now();
const jobs = lintTargets.flatMap((target) => [() => lintWithSpectral(target), () => lintWithRedocly(target)]);

/** Runs the jobs a few at a time: each linter is CPU-bound, so more than the cores only slows all. */
async function runAll<T>(tasks: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, worker));
  return results;
}

let reports: LintReport[];
try {
  reports = await runAll(jobs, Math.max(2, availableParallelism()));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}

for (const report of reports) {
  for (const finding of report.findings) {
    console.log(`${finding.location}  ${finding.severity}  ${finding.code}  ${finding.message}  [${report.linter}]`);
  }
}

const rows = reports.map((r) => [r.linter, r.target, String(count(r, 'error')), String(count(r, 'warning')), `${(r.ms / 1000).toFixed(1)} s`]);
const header = ['linter', 'target', 'errors', 'warnings', 'time'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
const line = (cells: string[]): string => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
console.log(`\n${line(header)}\n${rows.map(line).join('\n')}`);

const clean = reports.every(isClean);
console.log(`\n${clean ? 'lint clean' : 'lint FAILED'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = clean ? 0 : 1;
