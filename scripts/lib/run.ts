import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Environment for every tool we run: no telemetry, no update checks, no colour codes in logs. */
export const quietToolEnv: NodeJS.ProcessEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  NO_UPDATE_NOTIFIER: '1',
  FORCE_COLOR: '0',
};

/** Runs a workspace binary (from node_modules/.bin) and returns its output; throws with the output on failure. */
export function runBin(bin: string, args: string[], options: SpawnSyncOptions = {}): string {
  const result = spawnSync(`${repoRoot}node_modules/.bin/${bin}`, args, {
    cwd: repoRoot,
    env: quietToolEnv,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...options,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${bin} ${args.join(' ')} exited with ${result.status}\n${output}`);
  }
  return output;
}
