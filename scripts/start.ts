/**
 * `pnpm start`, the main job: regenerate the artifacts from spec/, build the packages and the docs,
 * then serve the contract mock, the stateful sandbox and the docs site on loopback until Ctrl-C.
 *   --mock-port N  (default 4010)   --docs-port N  (default 4011)   --sandbox-port N  (default 4012)
 * A busy default port falls back to any free one; the printed URLs are the truth.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { buildDocsSite } from './docs/build.ts';
import { serveDocs } from './docs/serve.ts';
import { quietToolEnv, repoRoot } from './lib/run.ts';

const { values } = parseArgs({
  options: {
    'mock-port': { type: 'string', default: '4010' },
    'docs-port': { type: 'string', default: '4011' },
    'sandbox-port': { type: 'string', default: '4012' },
  },
});

function portOption(name: 'mock-port' | 'docs-port' | 'sandbox-port'): number {
  const port = Number(values[name]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--${name} must be an integer from 0 to 65535, got ${JSON.stringify(values[name])}`);
    process.exit(2);
  }
  return port;
}
const mockPort = portOption('mock-port');
const docsPort = portOption('docs-port');
const sandboxPort = portOption('sandbox-port');

function step(name: string, command: string[]): void {
  console.log(`▶ ${name}`);
  const result = spawnSync(command[0]!, command.slice(1), { cwd: repoRoot, env: quietToolEnv, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${name} failed (exit ${result.status}); nothing was started.`);
    process.exit(1);
  }
}

/** Tries the asked port, then any free one, so a second `pnpm start` or a busy 4010 still comes up. */
async function onPortOrAnother<T>(port: number, start: (port: number) => Promise<T>): Promise<T> {
  try {
    return await start(port);
  } catch (error) {
    if (port === 0 || !/EADDRINUSE|in use/i.test(String((error as Error).message ?? error))) throw error;
    console.log(`port ${port} is busy; using a free port instead`);
    return start(0);
  }
}

step('generate', ['pnpm', 'generate']);
step('build packages', ['pnpm', '--recursive', '--filter', './packages/*', 'run', 'build']);
console.log('▶ docs');
const docs = buildDocsSite();
console.log(`built the docs in ${docs.milliseconds} ms`);

// Imported only now: the mock package is what the build step above just produced.
const { startMock, startSandbox } = await import('@voucher-programs/mock');
const mock = await onPortOrAnother(mockPort, (port) => startMock({ port, logLevel: 'warn' }));
// The real clock, so a program made from curl goes live on its own; tests use `--clock manual`.
const sandbox = await onPortOrAnother(sandboxPort, (port) => startSandbox({ port, logLevel: 'warn' }));
const docsServer = await onPortOrAnother(docsPort, (port) => serveDocs({ port }));

console.log('');
console.log(`mock:    ${mock.url}`);
console.log(`sandbox: ${sandbox.url}  (state and a clock: GET ${sandbox.url}/__sandbox/clock)`);
console.log(`docs:    ${docsServer.url}`);
console.log('');
console.log(`Try: curl -s -H 'Authorization: Bearer test' ${mock.url}/v1/organizations/org/voucher-programs/prog/codes`);
console.log(`The sandbox wants a token it issued: curl -s -d grant_type=client_credentials -d client_id=me -d client_secret=any -d scope=organizations.voucher_programs ${sandbox.tokenUrl}`);
console.log('Ctrl-C stops all three.');

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([mock.stop(), sandbox.stop(), docsServer.close()]);
  process.exit(0);
}
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
