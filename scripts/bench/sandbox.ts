/**
 * The sandbox's costs, with mock mode as the baseline in the same run:
 * - start-up: command to the first answer, against mock mode;
 * - calls per second through the in-process fetch (no socket), in this process, and with the
 *   mock's shortcuts (fastPaths) on against off;
 * - heap after 10 programs of 30,000 codes, against the empty sandbox;
 * - the event loop's longest stall while 30,000 codes are generated (goal: none over 50 ms).
 * Its HTTP throughput is measured by `pnpm bench mock` (the `sandbox` server there), under
 * autocannon beside bare Prism and mock mode.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { freePort } from '../lib/freePort.ts';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startSandbox } from '../../packages/mock/dist/index.js';
import { benchOrganization as organization, sandboxProgram } from './mock/sandboxProgram.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = `${root}packages/mock/dist/cli.js`;
const exampleProgram = `${organization}/voucher-programs/5f0c2a51-8e3b-4d7a-b1c9-2e4f6a8b0c1d`;
const rounds = 3;
const connections = 8;
const requestsPerCase = 1_000;
const warmup = 200;
const hourMs = 3_600_000;

type Kind = 'sandbox' | 'mock';


interface Started { child: ChildProcess; url: string; startupMs: number }

/** Spawns the CLI and times it until it answers its first request (any status: a 401 is an answer too). */
async function start(kind: Kind): Promise<Started> {
  const port = await freePort();
  const began = performance.now();
  const args = kind === 'sandbox' ? ['sandbox', '--port', String(port), '--seed', 'bench', '--clock', 'manual', '--log-level', 'silent'] : ['--port', String(port), '--log-level', 'silent'];
  const child = spawn(process.execPath, [cli, ...args], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${kind} exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}${exampleProgram}`, { headers: { authorization: 'Bearer b' }, signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      return { child, url, startupMs: performance.now() - began };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function stop(started: Started): Promise<void> {
  const exited = new Promise((resolve) => started.child.once('exit', resolve));
  started.child.kill('SIGTERM');
  await exited;
}

function send(agent: Agent, url: string, target: { path: string; authorization: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    request(`${url}${target.path}`, { agent, headers: { authorization: target.authorization } }, (response) => {
      response.resume();
      response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`status ${response.statusCode}`))));
    }).on('error', reject).end();
  });
}

/** A closed loop: `connections` clients, each sending its next request when the last is answered. */
async function throughput(url: string, target: { path: string; authorization: string }, total: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  let remaining = total;
  const began = performance.now();
  await Promise.all(Array.from({ length: connections }, async () => {
    while (remaining-- > 0) await send(agent, url, target);
  }));
  agent.destroy();
  return total / ((performance.now() - began) / 1000);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round2 = (value: number) => Math.round(value * 100) / 100;
const emit = (name: string, value: number, unit: string, baseline: number | string) => console.log(JSON.stringify({ name, value: round2(value), unit, baseline: typeof baseline === 'number' ? round2(baseline) : baseline }));

// --- Start-up: the sandbox against mock mode, interleaved ------------------------------------
const startupMs = { sandbox: [] as number[], mock: [] as number[] };
for (let round = 0; round < rounds; round++) {
  for (const kind of ['sandbox', 'mock'] as const) {
    const started = await start(kind);
    startupMs[kind].push(started.startupMs);
    await stop(started);
  }
}
emit('sandbox.startup', median(startupMs.sandbox), 'ms', median(startupMs.mock));

// --- In process: calls per second through sandbox.fetch, against the same GET over loopback HTTP --
const sandbox = await startSandbox({ port: 0, clock: 'manual', seed: 'bench-in-process' });
const target = await sandboxProgram(sandbox.url);
const inProcess = async (total: number) => {
  const began = performance.now();
  let remaining = total;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (remaining-- > 0) {
      const response = await sandbox.fetch(`${sandbox.url}${target.path}`, { headers: { authorization: target.authorization } });
      if (response.status !== 200) throw new Error(`status ${response.status}`);
      await response.arrayBuffer();
    }
  }));
  return total / ((performance.now() - began) / 1000);
};
await inProcess(warmup);
await throughput(sandbox.url, target, warmup);
const inProcessRates: number[] = [];
const loopbackRates: number[] = [];
for (let round = 0; round < rounds; round++) {
  inProcessRates.push(await inProcess(requestsPerCase));
  loopbackRates.push(await throughput(sandbox.url, target, requestsPerCase));
}
emit('sandbox.fetch.in-process', median(inProcessRates), 'calls/s', median(loopbackRates));


// --- Event loop while 30,000 codes are made, then heap after 10 programs of 30,000 codes -------
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};
const programBody = () => JSON.stringify({ name: 'Bulk', currency_code: 'USD', code_scheme: 'MULTI_CODE_SINGLE_REDEEM', voucher_type: 'PERSONAL_TRANSPORT', starts_at: sandbox.clock.now() + hourMs, ends_at: sandbox.clock.now() + 48 * hourMs, number_of_codes: 30_000, value_per_trip_max_amount: 10 });
const create = async () => {
  const response = await sandbox.fetch(`${sandbox.url}${organization}/voucher-programs`, { method: 'POST', headers: { authorization: target.authorization, 'content-type': 'application/json' }, body: programBody() });
  return ((await response.json()) as { voucher_program_id: string }).voucher_program_id;
};
const emptyHeap = heapMb();
const delay = monitorEventLoopDelay({ resolution: 1 });
const first = await create();
delay.enable();
// Wall time for the background build to finish; the sandbox clock stays where it is meanwhile.
await new Promise((resolve) => setTimeout(resolve, 3_000));
delay.disable();
emit('sandbox.generate-30000.event-loop-max', delay.max / 1e6, 'ms', 'goal: no stall over 50 ms');
emit('sandbox.generate-30000.event-loop-p99', delay.percentile(99) / 1e6, 'ms', 'goal: no stall over 50 ms');
const programs = [first];
for (let i = 1; i < 10; i++) programs.push(await create());
sandbox.clock.advance(60_000);
let answerMs = 0;
for (const id of programs) {
  const began = performance.now();
  const response = await sandbox.fetch(`${sandbox.url}${organization}/voucher-programs/${id}/codes`, { headers: { authorization: target.authorization } });
  if (response.status !== 200) throw new Error(`get codes: status ${response.status}`);
  await response.arrayBuffer();
  answerMs = Math.max(answerMs, performance.now() - began);
}
emit('sandbox.heap.10x30000-codes', heapMb(), 'MB', emptyHeap);
emit('sandbox.get-codes-30000.slowest', answerMs, 'ms', 'one answer of 30,000 codes, validated against the spec');

// --- The mock's shortcuts that hold for the sandbox, against Prism's full path, in process -----
// Same GET on two sandboxes, one with fastPaths off; warmed for 3 s each, rounds interleaved. Last,
// so the extra calls weigh on none of the figures above.
const fullPath = await startSandbox({ port: 0, clock: 'manual', seed: 'bench-in-process', fastPaths: false });
const fullTarget = await sandboxProgram(fullPath.url);
const callsPerSecond = (running: typeof sandbox, get: typeof target) => async (total: number) => {
  const began = performance.now();
  let remaining = total;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (remaining-- > 0) {
      const response = await running.fetch(`${running.url}${get.path}`, { headers: { authorization: get.authorization } });
      if (response.status !== 200) throw new Error(`status ${response.status}`);
      await response.arrayBuffer();
    }
  }));
  return total / ((performance.now() - began) / 1000);
};
const fast = callsPerSecond(sandbox, target);
const full = callsPerSecond(fullPath, fullTarget);
for (const run of [fast, full]) for (const until = Date.now() + 3_000; Date.now() < until;) await run(warmup);
const fastRates: number[] = [];
const fullRates: number[] = [];
for (let round = 0; round < rounds; round++) {
  fastRates.push(await fast(requestsPerCase * 3));
  fullRates.push(await full(requestsPerCase * 3));
}
emit('sandbox.fetch.in-process.fastPaths', median(fastRates), 'calls/s', median(fullRates));
emit('sandbox.fetch.in-process.fastPaths.ratio', median(fastRates.map((value, round) => value / fullRates[round]!)), 'ratio', 'fastPaths: false (Prism\'s full path), same GET, same run');
await fullPath.stop();
await sandbox.stop();
process.exit(0);
