import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface CliRun {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the built CLI as a partner would, collecting its output. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  if (!existsSync(cliPath)) throw new Error('Build the package first: pnpm --filter @voucher-programs/mock build');
  const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Waits for the "listening on <url>" line, or fails with whatever the CLI said instead. */
export async function listeningUrl(run: CliRun, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = /listening on (http:\/\/\S+)/.exec(run.stdout());
    if (match) return match[1]!;
    if (run.child.exitCode !== null || Date.now() > deadline) {
      run.child.kill('SIGKILL');
      throw new Error(`CLI did not start: ${run.stderr()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
