import { spawn } from 'node:child_process';
import { quietToolEnv, repoRoot } from '../lib/run.ts';

export interface ToolRun {
  stdout: string;
  stderr: string;
  status: number | null;
  ms: number;
}

/** Runs a workspace binary without throwing on a non-zero exit: linters exit 1 when they find problems. */
export function runTool(bin: string, args: string[]): Promise<ToolRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(`${repoRoot}node_modules/.bin/${bin}`, args, { cwd: repoRoot, env: quietToolEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      resolve({ stdout, stderr, status, ms: performance.now() - started });
    });
  });
}

/** Parses a linter's JSON report; a crash or a config error leaves none, and then its own words are the message. */
export function parseReport<T>(bin: string, run: ToolRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    const said = `${run.stderr}\n${run.stdout}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`${bin} exited with ${run.status} without a JSON report:\n${said}`);
  }
}
