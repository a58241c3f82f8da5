/**
 * `pnpm test`: everything CI checks, in the order a failure is cheapest to find. Every step runs
 * even when an earlier one failed, so one run shows every problem; the last line is the summary
 * `checks: N passed, N failed` (vitest's tests plus the steps around them).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { quietToolEnv, repoRoot } from './lib/run.ts';

interface Step {
  name: string;
  command: string[];
}

const vitestReport = join(repoRoot, 'test-results', 'vitest.json');
const steps: Step[] = [
  { name: 'generated/ matches spec/', command: ['pnpm', 'generate', '--check'] },
  { name: 'lint', command: ['pnpm', 'lint'] },
  { name: 'build packages', command: ['pnpm', '--recursive', '--filter', './packages/*', 'run', 'build'] },
  { name: 'typecheck', command: ['pnpm', 'typecheck'] },
  { name: 'spec changes since the last release', command: ['pnpm', 'spec:diff'] },
  // Packs every publishable package and checks the tarball partners get: contents, publint, attw.
  { name: 'package checks', command: ['pnpm', 'release:check'] },
  { name: 'docs build', command: ['pnpm', 'run', '--if-present', 'docs'] },
  {
    name: 'vitest',
    command: ['pnpm', 'exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
  },
];

// A report left by an earlier run must not stand in for this one's.
rmSync(vitestReport, { force: true });

let passed = 0;
let failed = 0;
for (const step of steps) {
  const started = performance.now();
  console.log(`\n▶ ${step.name}: ${step.command.join(' ')}`);
  const result = spawnSync(step.command[0]!, step.command.slice(1), { cwd: repoRoot, env: quietToolEnv, stdio: 'inherit' });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${step.name} (${seconds} s)`);
  if (step.name !== 'vitest') {
    ok ? passed++ : failed++;
    continue;
  }
  // vitest's own counts are the bulk of the summary; a crash before it wrote them counts as one failure.
  if (existsSync(vitestReport)) {
    const report = JSON.parse(readFileSync(vitestReport, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTests: number };
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    if (!ok && report.numFailedTests === 0) failed++;
  } else if (!ok) {
    failed++;
  }
}

console.log(`\nchecks: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
