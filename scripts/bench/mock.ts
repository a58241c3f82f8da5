/**
 * The contract mock's costs against bare Prism (`prism mock`, same version, same bundled spec),
 * measured in the same run: start-up (command to first answer), and throughput with p50/p99
 * latency for a typical GET and a validated POST under a bounded closed-loop load on loopback.
 * Both servers run as child processes, so the load generator never shares their event loop.
 * Cases are interleaved over rounds; the median of each figure is reported.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const mockCli = `${root}packages/mock/dist/cli.js`;
const prismCli = `${root}packages/mock/node_modules/.bin/prism`;
const spec = `${root}generated/openapi.json`;
const organization = '/v1/organizations/7b3f7c4e-2a5d-4b8e-9f61-0c1d2e3f4a5b';
const rounds = 3;
const connections = 8;
const requestsPerCase = 1_000;
const warmup = 100;

interface Exchange { method: string; path: string; body?: string }
const typicalGet: Exchange = { method: 'GET', path: `${organization}/voucher-programs/5f0c2a51-8e3b-4d7a-b1c9-2e4f6a8b0c1d` };
const validatedPost: Exchange = { method: 'POST', path: `${organization}/voucher-programs/search`, body: '{"program_status":"ACTIVE","limit":10,"offset":0}' };

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Started { child: ChildProcess; url: string; startupMs: number }

/** Spawns a server and times the command until its first 200 answer. */
async function start(kind: 'ours' | 'prism'): Promise<Started> {
  const port = await freePort();
  const began = performance.now();
  const child = kind === 'ours'
    ? spawn(process.execPath, [mockCli, '--port', String(port), '--log-level', 'silent'], { stdio: 'ignore' })
    : spawn(prismCli, ['mock', '-p', String(port), '-h', '127.0.0.1', '-v', 'silent', spec], { stdio: 'ignore', detached: true });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${kind} exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}${typicalGet.path}`, { headers: { authorization: 'Bearer b' }, signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.status === 200) return { child, url, startupMs: performance.now() - began };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function stop(started: Started, kind: 'ours' | 'prism'): Promise<void> {
  const exited = new Promise((resolve) => started.child.once('exit', resolve));
  // prism mock forks a cluster worker; signal the whole group so no worker is left behind.
  if (kind === 'prism') process.kill(-started.child.pid!, 'SIGTERM');
  else started.child.kill('SIGTERM');
  await exited;
}

function send(agent: Agent, url: string, exchange: Exchange): Promise<number> {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const outgoing = request(`${url}${exchange.path}`, {
      method: exchange.method,
      agent,
      headers: { authorization: 'Bearer b', ...(exchange.body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(exchange.body) } : {}) },
    }, (response) => {
      response.resume();
      response.on('end', () => (response.statusCode === 200 ? resolve(performance.now() - began) : reject(new Error(`status ${response.statusCode}`))));
    });
    outgoing.on('error', reject);
    outgoing.end(exchange.body);
  });
}

/** A closed loop: `connections` clients, each sending its next request when the last is answered. */
async function load(url: string, exchange: Exchange, total: number): Promise<{ perSecond: number; p50: number; p99: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let remaining = total;
  const began = performance.now();
  await Promise.all(Array.from({ length: connections }, async () => {
    while (remaining > 0) {
      remaining -= 1;
      latencies.push(await send(agent, url, exchange));
    }
  }));
  const seconds = (performance.now() - began) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { perSecond: total / seconds, p50: at(0.5), p99: at(0.99) };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const figures = new Map<string, { ours: number[]; prism: number[] }>();
function record(name: string, kind: 'ours' | 'prism', value: number): void {
  const entry = figures.get(name) ?? { ours: [], prism: [] };
  entry[kind].push(value);
  figures.set(name, entry);
}

for (let round = 0; round < rounds; round += 1) {
  for (const kind of ['ours', 'prism'] as const) {
    const started = await start(kind);
    record('mock.startup', kind, started.startupMs);
    for (const [label, exchange] of [['get', typicalGet], ['post', validatedPost]] as const) {
      await load(started.url, exchange, warmup);
      const result = await load(started.url, exchange, requestsPerCase);
      record(`mock.${label}.throughput`, kind, result.perSecond);
      record(`mock.${label}.p50`, kind, result.p50);
      record(`mock.${label}.p99`, kind, result.p99);
    }
    await stop(started, kind);
  }
}

const units: Record<string, string> = { startup: 'ms', throughput: 'req/s', p50: 'ms', p99: 'ms' };
for (const [name, { ours, prism }] of figures) {
  const unit = units[name.split('.').at(-1)!]!;
  const round2 = (value: number) => Math.round(value * 100) / 100;
  console.log(JSON.stringify({ name, value: round2(median(ours)), unit, baseline: round2(median(prism)) }));
}
// The figure: what our layer costs in throughput, as ours / bare Prism per round (goal ≥ 0.90).
for (const label of ['get', 'post']) {
  const { ours, prism } = figures.get(`mock.${label}.throughput`)!;
  const ratio = median(ours.map((value, round) => value / prism[round]!));
  console.log(JSON.stringify({ name: `mock.${label}.throughput.ratio`, value: Math.round(ratio * 1000) / 1000, unit: 'ratio', baseline: 'bare prism mock on the same spec, same run (goal ≥ 0.90)' }));
}
