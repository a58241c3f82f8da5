/**
 * `pnpm bench`: runs every benchmark in scripts/bench/ one after another (never in parallel: they
 * share two noisy cores). Each prints its figures as JSON lines {"name","value","unit","baseline"};
 * this script passes them through and fails if any benchmark fails.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { quietToolEnv, repoRoot } from './lib/run.ts';

const benchDir = join(repoRoot, 'scripts', 'bench');
// Words pick benchmarks; flags (`--rounds 5`) are handed to each benchmark that runs.
const firstFlag = process.argv.slice(2).findIndex((arg) => arg.startsWith('-'));
const only = firstFlag === -1 ? process.argv.slice(2) : process.argv.slice(2, firstFlag + 2);
const flags = firstFlag === -1 ? [] : process.argv.slice(firstFlag + 2);
const benches = readdirSync(benchDir)
  .filter((file) => file.endsWith('.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.startsWith(name)))
  .sort();

let failures = 0;
for (const file of benches) {
  console.error(`▶ bench ${file}`);
  const result = spawnSync(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(benchDir, file), ...flags], {
    cwd: repoRoot,
    env: quietToolEnv,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) {
    failures++;
    console.error(`✘ bench ${file} exited with ${result.status}`);
  }
}
process.exit(failures === 0 ? 0 : 1);
