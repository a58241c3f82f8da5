/**
 * The contract mock against three baselines in the same run, each a child process on loopback:
 * bare `prism mock` (same version, same bundled spec), a minimal Ajv 2020 server that validates
 * the same requests and answers pre-serialized examples (the practical ceiling), and bare
 * node:http (the machine's limit). Load comes from autocannon, a separate process made for it.
 *
 * Each server is warmed up first (the JIT makes a fresh server 2–3× slower); then every case
 * (GET and validated POST, 8 and 64 connections) runs for every server, in an order rotated each
 * round, so a burst of load from elsewhere on a shared machine hits them alike. Figures are
 * medians over rounds; ratios are medians of the per-round ratios. Only ratios from one run mean
 * anything: absolute numbers move with whatever else the machine is doing.
 *
 * The stateful sandbox (`voucher-programs-mock sandbox`) runs as one more server when asked for
 * (`--servers …,sandbox`, or by default): its GET reads a program it holds (a token and a program
 * are made first), and its POST is the same search, which reads state and changes none, so the
 * state does not grow under load. It reuses no answer, so its ratios against bare Prism and
 * against ours (mock mode, which does) say what the shared layer gains it and what reuse adds.
 *
 * Also start-up: command to first 200 answer, ours against `prism mock` (and `--against`), alternating.
 *
 * `pnpm bench mock [--rounds N] [--duration S] [--warmup S] [--startups N] [--with-full-path]
 * [--against DIR] [--servers a,b]`: `--with-full-path` adds our mock with its fast paths off;
 * `--against packages/mock/dist-before` adds another build of the package (copied beside dist, so
 * it resolves the same dependencies) to measure one change, as `against` (mock mode) and
 * `against-sandbox`; `--servers ours,against` or `--servers sandbox,against-sandbox` runs only those.
 * Needs the built package (`pnpm --filter @voucher-programs/mock build`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { freePort } from '../lib/freePort.ts';
import { benchOrganization as organization, sandboxProgram } from './mock/sandboxProgram.ts';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('../../', import.meta.url));
const mockCli = `${root}packages/mock/dist/cli.js`;
const mockLibrary = `${root}packages/mock/dist/index.js`;
const prismCli = `${root}packages/mock/node_modules/@stoplight/prism-cli/dist/index.js`;
const autocannon = `${root}node_modules/autocannon/autocannon.js`;
const spec = `${root}generated/openapi.json`;

// Not strict: `pnpm bench mock …` hands the same flags to mock-engine.ts, which has its own.
const { values: flags } = parseArgs({
  strict: false,
  options: {
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '5' },
    startups: { type: 'string', default: '3' },
    'with-full-path': { type: 'boolean', default: false },
    against: { type: 'string' },
    servers: { type: 'string' },
    connections: { type: 'string', default: '8,64' },
  },
});
const rounds = Number(flags.rounds);
const durationSeconds = Number(flags.duration);
const warmupSeconds = Number(flags.warmup);
const startups = Number(flags.startups);
for (const [name, value] of Object.entries({ rounds, durationSeconds, warmupSeconds, startups })) {
  if (!Number.isInteger(value) || value < 1 || value > 600) throw new Error(`--${name} must be a whole number from 1 to 600`);
}
if (!existsSync(mockCli)) throw new Error('packages/mock is not built: run `pnpm --filter @voucher-programs/mock build` first');

interface Exchange { label: string; method: 'GET' | 'POST'; path: string; body?: string }
const exchanges: Exchange[] = [
  { label: 'get', method: 'GET', path: `${organization}/voucher-programs/5f0c2a51-8e3b-4d7a-b1c9-2e4f6a8b0c1d` },
  { label: 'post', method: 'POST', path: `${organization}/voucher-programs/search`, body: '{"program_status":"ACTIVE","limit":10,"offset":0}' },
];
const text = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value : undefined);
const connectionCounts = (text(flags.connections) ?? '8,64').split(',').map(Number);
if (connectionCounts.some((count) => !Number.isInteger(count) || count < 1 || count > 1024)) throw new Error('--connections takes counts from 1 to 1024, e.g. 8,64');

type ServerKind = 'ours' | 'ours-full' | 'against' | 'sandbox' | 'against-sandbox' | 'prism' | 'ajv' | 'node';
const against = text(flags.against);
const allKinds: ServerKind[] = [
  'ours',
  ...(flags['with-full-path'] ? ['ours-full' as const] : []),
  ...(against ? ['against' as const] : []),
  'sandbox',
  ...(against ? ['against-sandbox' as const] : []),
  'prism',
  'ajv',
  'node',
];
const onlyServers = text(flags.servers)?.split(',');
const unknownServer = onlyServers?.find((kind) => !allKinds.includes(kind as ServerKind));
if (unknownServer) throw new Error(`--servers: no server "${unknownServer}" (${allKinds.join(', ')}; against and against-sandbox need --against)`);
const serverKinds = onlyServers ? allKinds.filter((kind) => onlyServers.includes(kind)) : allKinds;
// Every ratio is one of these against another server of the same run.
const subjects = (['ours', 'sandbox'] as const).filter((kind) => serverKinds.includes(kind));
if (subjects.length === 0) throw new Error('--servers must include ours or sandbox: every ratio is one of them against another');
const isSandbox = (kind: ServerKind) => kind === 'sandbox' || kind === 'against-sandbox';


/** What one server is sent for an exchange: the sandbox answers only with its own token. */
interface Target { path: string; body?: string; authorization: string }
interface Running { kind: ServerKind; child: ChildProcess; url: string; targets: Map<Exchange, Target> }

/** Spawns one server in its own process group (prism mock may fork) and learns its URL. */
async function spawnServer(kind: ServerKind): Promise<Running> {
  const port = await freePort();
  const tsx = ['--import', 'tsx'];
  const sandbox = ['sandbox', '--port', String(port), '--seed', 'bench', '--clock', 'manual', '--log-level', 'silent'];
  const fullPath = `const m = await import(${JSON.stringify(mockLibrary)}); await m.startMock({ port: ${port}, logLevel: 'silent', fastPaths: false });`;
  const args: Record<ServerKind, string[]> = {
    ours: [mockCli, '--port', String(port), '--log-level', 'silent'],
    'ours-full': ['--input-type=module', '-e', fullPath],
    against: [`${root}${against ?? ''}/cli.js`, '--port', String(port), '--log-level', 'silent'],
    sandbox: [mockCli, ...sandbox],
    'against-sandbox': [`${root}${against ?? ''}/cli.js`, ...sandbox],
    prism: [prismCli, 'mock', '-p', String(port), '-h', '127.0.0.1', '-v', 'silent', spec],
    ajv: [...tsx, `${root}scripts/bench/mock/ajvServer.ts`],
    node: [...tsx, `${root}scripts/bench/mock/nodeServer.ts`],
  };
  const child = spawn(process.execPath, args[kind], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let printed = '';
  let complaints = '';
  child.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (complaints += chunk.toString('utf8')));
  const url = kind === 'ajv' || kind === 'node' ? undefined : `http://127.0.0.1:${port}`;
  const began = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${kind} exited with ${child.exitCode}: ${complaints}`);
    if (performance.now() - began > 30_000) {
      process.kill(-child.pid!, 'SIGTERM');
      throw new Error(`${kind} did not answer within 30 s: ${complaints}`);
    }
    const printedPort = /^(\d+)\n/.exec(printed)?.[1];
    const candidate = url ?? (printedPort ? `http://127.0.0.1:${printedPort}` : undefined);
    if (candidate && (await answersOk(candidate, isSandbox(kind) ? '/__sandbox/clock' : exchanges[0]!.path))) {
      return { kind, child, url: candidate, targets: isSandbox(kind) ? await sandboxTargets(candidate) : mockTargets };
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function answersOk(url: string, path: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}${path}`, { headers: { authorization: 'Bearer b' }, signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false; // not listening yet
  }
}

const mockTargets = new Map(exchanges.map((exchange) => [exchange, { path: exchange.path, ...(exchange.body ? { body: exchange.body } : {}), authorization: 'Bearer b' }]));

/**
 * The sandbox's targets: a token from its token endpoint and one program it holds, made now. The
 * GET reads that program; the POST is the mock's search, which reads state and adds none.
 */
async function sandboxTargets(url: string): Promise<Map<Exchange, Target>> {
  const { authorization, path } = await sandboxProgram(url);
  const [get, post] = exchanges as [Exchange, Exchange];
  return new Map([
    [get, { path, authorization }],
    [post, { path: post.path, body: post.body!, authorization }],
  ]);
}

async function stopServer(running: Running): Promise<void> {
  if (running.child.exitCode !== null) return;
  const exited = new Promise((resolve) => running.child.once('exit', resolve));
  process.kill(-running.child.pid!, 'SIGTERM');
  await exited;
}

interface Load { perSecond: number; p50: number; p99: number; cpuMicros: number }

const clockTicksPerSecond = 100; // USER_HZ on Linux

/**
 * CPU seconds used so far by every process of the server's group (prism mock may fork a worker).
 * Per request it is the steadier figure on a shared machine: other work slows a server's answers
 * but not what each answer costs it.
 */
function groupCpuSeconds(groupId: number): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command's closing parenthesis: state ppid pgrp … utime(14) stime(15).
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(fields[2]) === groupId) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / clockTicksPerSecond;
}

/** One autocannon run; fails unless every answer was a 200. */
async function load(server: Running, exchange: Exchange, connections: number, seconds: number): Promise<Load> {
  const cpuBefore = groupCpuSeconds(server.child.pid!);
  const { perSecond, p50, p99, total } = await autocannonRun(server.url, exchange, server.targets.get(exchange)!, connections, seconds);
  const cpuMicros = ((groupCpuSeconds(server.child.pid!) - cpuBefore) * 1e6) / total;
  return { perSecond, p50, p99, cpuMicros };
}

function autocannonRun(url: string, exchange: Exchange, target: Target, connections: number, seconds: number): Promise<Omit<Load, 'cpuMicros'> & { total: number }> {
  const args = [autocannon, '-j', '-n', '-c', String(connections), '-d', String(seconds), '-m', exchange.method, '-H', `authorization=${target.authorization}`];
  if (target.body) args.push('-H', 'content-type=application/json', '-b', target.body);
  args.push(`${url}${target.path}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`));
      const result = JSON.parse(output) as { requests: { total: number }; duration: number; latency: { p50: number; p99: number }; non2xx: number; errors: number; timeouts: number };
      if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
        return reject(new Error(`${url}${target.path}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`));
      }
      resolve({ perSecond: result.requests.total / result.duration, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total });
    });
  });
}

type StartupKind = 'ours' | 'against' | 'prism';

/** Command to first 200 answer; the server is stopped again. */
async function timeStartup(kind: StartupKind): Promise<number> {
  const began = performance.now();
  const running = await spawnServer(kind);
  const elapsed = performance.now() - began;
  await stopServer(running);
  return elapsed;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const rotate = <T>(items: T[], by: number) => items.map((_, i) => items[(i + by) % items.length]!);
const emit = (name: string, value: number, unit: string, baseline: string | number) =>
  console.log(JSON.stringify({ name, value: Number(value.toFixed(unit === 'ratio' ? 3 : 2)), unit, baseline }));

console.error(`mock bench: ${serverKinds.join(', ')}; ${rounds} rounds of ${durationSeconds} s per case; warm-up ${warmupSeconds} s per exchange; ratios from this run only (the machine may be shared)`);

// Start-up first, while nothing else of ours runs; `against` too when given, to measure one change.
const startupKinds = (['ours', 'against', 'prism'] as const).filter((kind) => serverKinds.includes(kind));
const startupMs: Record<StartupKind, number[]> = { ours: [], against: [], prism: [] };
const measureStartup = startupKinds.includes('ours') && startupKinds.length > 1;
for (let round = 0; measureStartup && round < startups; round += 1) {
  for (const kind of rotate([...startupKinds], round)) startupMs[kind].push(await timeStartup(kind));
}

const servers: Running[] = [];
try {
  for (const kind of serverKinds) servers.push(await spawnServer(kind));
  for (const server of servers) {
    for (const exchange of exchanges) await load(server, exchange, 8, warmupSeconds);
  }
  // figures[case][server] = one Load per round
  const figures = new Map<string, Map<ServerKind, Load[]>>();
  const cases = exchanges.flatMap((exchange) => connectionCounts.map((connections) => ({ exchange, connections, name: `mock.${exchange.label}.c${connections}` })));
  for (let round = 0; round < rounds; round += 1) {
    for (const { exchange, connections, name } of rotate(cases, round)) {
      for (const server of rotate(servers, round)) {
        const perServer = figures.get(name) ?? new Map<ServerKind, Load[]>();
        figures.set(name, perServer);
        const result = await load(server, exchange, connections, durationSeconds);
        perServer.set(server.kind, [...(perServer.get(server.kind) ?? []), result]);
      }
    }
  }

  const baselineKinds: [ServerKind, string, string][] = [
    ['prism', 'Prism', 'bare prism mock'],
    ['ajv', 'Ajv', 'minimal Ajv 2020 server'],
    ['node', 'Node', 'bare node:http'],
    ['ours-full', 'FullPath', 'ours with fast paths off'],
    ['ours', 'Ours', 'ours (mock mode, answers reused)'],
    ['against', 'Against', `the build in ${against ?? ''}`],
  ];
  const goals: Record<string, string> = { 'ours Prism': ' (goal ≥ 5)', 'ours Ajv': ' (goal ≥ 0.35)', 'sandbox Prism': ' (goal ≥ 4)' };
  for (const { name } of cases) {
    const perServer = figures.get(name)!;
    for (const kind of serverKinds) {
      const loads = perServer.get(kind)!;
      emit(`${name}.${kind}.throughput`, median(loads.map((l) => l.perSecond)), 'req/s', `median of ${rounds} rounds`);
      emit(`${name}.${kind}.p99`, median(loads.map((l) => l.p99)), 'ms', `median of ${rounds} rounds`);
      emit(`${name}.${kind}.cpuPerRequest`, median(loads.map((l) => l.cpuMicros)), 'µs', `median of ${rounds} rounds`);
    }
    for (const subject of subjects) {
      const loads = perServer.get(subject)!;
      const ratio = (kind: ServerKind, pick: (l: Load) => number) => median(loads.map((l, round) => pick(l) / pick(perServer.get(kind)![round]!)));
      // The sandbox's other build is the one to hold it against, not the other build of mock mode.
      const baselines = baselineKinds
        .map(([kind, suffix, what]): [ServerKind, string, string] => (subject === 'sandbox' && kind === 'against' ? ['against-sandbox', suffix, `the sandbox of the build in ${text(flags.against) ?? ''}`] : [kind, suffix, what]))
        .filter(([kind]) => kind !== subject && perServer.has(kind));
      // Mock mode's names stay as they were (mock.get.c8.throughput.vsPrism); the sandbox's say so.
      const prefix = subject === 'ours' ? name : `${name}.sandbox`;
      for (const [kind, suffix, what] of baselines) {
        emit(`${prefix}.throughput.vs${suffix}`, ratio(kind, (l) => l.perSecond), 'ratio', `${subject} / ${what}, same run${goals[`${subject} ${suffix}`] ?? ''}`);
        emit(`${prefix}.cpuPerRequest.vs${suffix}`, ratio(kind, (l) => l.cpuMicros), 'ratio', `${subject} / ${what}: server CPU time per request, same run`);
        // autocannon reports latency in whole ms: a ratio against a sub-ms p99 would be noise.
        if (kind !== 'ajv' && kind !== 'node') {
          emit(`${prefix}.p99.vs${suffix}`, ratio(kind, (l) => l.p99), 'ratio', `${subject} / ${what}, same run${subject === 'ours' && suffix === 'Prism' && name.endsWith('c64') ? ' (goal ≤ 0.25)' : ''}`);
        }
      }
    }
  }
} finally {
  for (const server of servers) await stopServer(server);
}

if (measureStartup) {
  for (const kind of startupKinds) emit(`mock.startup.${kind}`, median(startupMs[kind]), 'ms', `median of ${startups}`);
  if (startupKinds.includes('prism')) {
    emit('mock.startup.vsPrism', median(startupMs.ours.map((ms, i) => ms / startupMs.prism[i]!)), 'ratio', 'ours / bare prism mock, command to first answer (goal ≤ 0.45)');
  }
  if (startupKinds.includes('against')) {
    emit('mock.startup.vsAgainst', median(startupMs.ours.map((ms, i) => ms / startupMs.against[i]!)), 'ratio', `ours / the build in ${text(flags.against) ?? ''}, command to first answer`);
  }
}
