/**
 * The client's costs, as ratios against baselines measured in the same run (never absolute
 * thresholds): per-call time against bare openapi-fetch and raw fetch, one 30,000-code answer
 * against raw fetch + JSON.parse, and the bundled, minified, gzipped size against openapi-fetch alone.
 * The HTTP server runs in a child process (this file with --serve), so its work does not share
 * the client's event loop. Cases alternate call by call; the median of the per-round ratios is reported.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const clientDir = fileURLToPath(new URL('../../packages/client/', import.meta.url));
const programPath = '/v1/organizations/org-1/voucher-programs/p1';
const codesPath = '/v1/organizations/org-1/voucher-programs/big/codes';
const codeCount = 30_000;

function serve(): void {
  const program = JSON.stringify({
    voucher_program_id: 'p1',
    name: 'Night rides',
    status: 'ACTIVE',
    currency_code: 'USD',
    starts_at: 1795331200000,
    ends_at: 1797923200000,
    voucher_type: 'PERSONAL_TRANSPORT',
    code_scheme: 'MULTI_CODE_SINGLE_REDEEM',
  });
  const codes = JSON.stringify({
    total_number_of_codes: codeCount,
    codes: Array.from({ length: codeCount }, (_, i) => ({
      code_id: `1f913a96-f52c-42a0-aa0b-${String(i).padStart(12, '0')}`,
      code_text: `UBR${String(i).padStart(6, '0')}`,
      redemption_link: `https://r.uber.com/v/UBR${String(i).padStart(6, '0')}`,
      max_num_redemptions: 1,
      usage_count: i % 2,
      usage_amount: 12.5,
      currency_code: 'USD',
    })),
  });
  const server = createServer((request, response) => {
    const body = request.url === codesPath ? codes : program;
    response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    response.end(body);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
}

if (process.argv.includes('--serve')) {
  serve();
} else {
  await main();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function report(name: string, value: number, unit: string, baseline: string): void {
  console.log(JSON.stringify({ name, value: Number(value.toFixed(unit === 'ratio' ? 3 : 1)), unit, baseline }));
}

interface Timings {
  wall: Record<string, number[]>;
  cpu: Record<string, number[]>;
}

/**
 * Mean wall-clock and CPU ms per call of each case, per round. Calls of the cases alternate one
 * by one (A B C, B C A, …), so a burst of load from other processes hits every case alike; CPU
 * time (user + system of this process, the server being another process) is the steadier figure
 * on a loaded machine.
 */
async function rounds(cases: Record<string, () => Promise<unknown>>, roundCount: number, callsPerRound: number): Promise<Timings> {
  const names = Object.keys(cases);
  const timings: Timings = { wall: {}, cpu: {} };
  for (const name of names) (timings.wall[name] = []), (timings.cpu[name] = []);
  for (let round = 0; round < roundCount; round++) {
    const wall = new Map(names.map((name) => [name, 0]));
    const cpu = new Map(names.map((name) => [name, 0]));
    for (let n = 0; n < callsPerRound; n++) {
      for (let i = 0; i < names.length; i++) {
        const name = names[(n + i) % names.length]!;
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        await cases[name]!();
        wall.set(name, wall.get(name)! + performance.now() - started);
        const used = process.cpuUsage(cpuBefore);
        cpu.set(name, cpu.get(name)! + (used.user + used.system) / 1000);
      }
    }
    for (const name of names) {
      timings.wall[name]!.push(wall.get(name)! / callsPerRound);
      timings.cpu[name]!.push(cpu.get(name)! / callsPerRound);
    }
  }
  return timings;
}

function medianRatio(times: Record<string, number[]>, ours: string, baseline: string): number {
  return median(times[ours]!.map((value, round) => value / times[baseline]![round]!));
}

async function bundleSize(contents: string): Promise<number> {
  const result = await build({
    stdin: { contents, resolveDir: clientDir, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length;
}

async function main(): Promise<void> {
  if (!existsSync(`${clientDir}dist/index.js`)) throw new Error('packages/client is not built: run `pnpm --filter @voucher-programs/client build` first');
  const server = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [chunk] = (await once(server.stdout!, 'data')) as [Buffer];
    const baseUrl = `http://127.0.0.1:${chunk.toString().trim()}`;

    // openapi-fetch as the client package resolves it, so both sides run the same copy.
    const openapiFetchManifest = createRequire(`${clientDir}package.json`).resolve('openapi-fetch/package.json');
    const { default: createClient } = (await import(pathToFileURL(openapiFetchManifest.replace(/package\.json$/, 'dist/index.mjs')).href)) as typeof import('openapi-fetch');
    // The built package, as partners run it (not the TypeScript source through a loader).
    const { VoucherProgramsClient } = (await import(pathToFileURL(`${clientDir}dist/index.js`).href)) as typeof import('../../packages/client/src/index.ts');

    const headers = { Authorization: 'Bearer bench-token', Accept: 'application/json' };
    const bare = createClient<any>({ baseUrl, headers });
    const client = new VoucherProgramsClient({ baseUrl, organizationId: 'org-1', auth: { type: 'token', token: 'bench-token' } });
    // Shows what the per-attempt timeout (an AbortSignal on every request) costs by itself.
    const untimed = new VoucherProgramsClient({ baseUrl, organizationId: 'org-1', auth: { type: 'token', token: 'bench-token' }, timeoutMs: Infinity, deadlineMs: Infinity });

    const perCall = {
      'raw fetch': async () => (await fetch(`${baseUrl}${programPath}`, { headers })).json(),
      'bare openapi-fetch': () =>
        bare.GET('/v1/organizations/{organization_id}/voucher-programs/{voucher_program_id}', { params: { path: { organization_id: 'org-1', voucher_program_id: 'p1' } } }),
      client: () => client.programs.getVoucherProgram({ path: { voucher_program_id: 'p1' } }),
      'client without time limits': () => untimed.programs.getVoucherProgram({ path: { voucher_program_id: 'p1' } }),
    };
    await rounds(perCall, 2, 300); // warm-up: JIT, keep-alive sockets
    const calls = await rounds(perCall, 31, 120);
    const how = 'median of 31 rounds of 120 calls per case, cases alternating call by call';
    for (const name of Object.keys(perCall)) {
      report(`getVoucherProgram per call, ${name}, wall clock`, median(calls.wall[name]!) * 1000, 'µs', how);
      report(`getVoucherProgram per call, ${name}, CPU`, median(calls.cpu[name]!) * 1000, 'µs', how);
    }
    for (const [clock, times] of Object.entries(calls)) {
      report(`client per call / bare openapi-fetch, ${clock}`, medianRatio(times, 'client', 'bare openapi-fetch'), 'ratio', `bare openapi-fetch 0.17.0, same server, same run (goal ≤ 1.05)`);
      report(`client per call / raw fetch, ${clock}`, medianRatio(times, 'client', 'raw fetch'), 'ratio', `fetch + response.json(), same server, same run (goal ≤ 1.15)`);
      report(`client without time limits per call / bare openapi-fetch, ${clock}`, medianRatio(times, 'client without time limits', 'bare openapi-fetch'), 'ratio', 'bare openapi-fetch 0.17.0, which has no timeout either');
    }

    const bigCodes = {
      'raw fetch + JSON.parse': async () => JSON.parse(await (await fetch(`${baseUrl}${codesPath}`, { headers })).text()),
      client: () => client.codes.getVoucherCodes({ path: { voucher_program_id: 'big' } }),
    };
    const check = (await bigCodes.client()) as { codes: unknown[] };
    if (check.codes.length !== codeCount) throw new Error(`expected ${codeCount} codes, got ${check.codes.length}`);
    await rounds(bigCodes, 1, 2);
    const codeTimes = await rounds(bigCodes, 15, 2);
    for (const name of Object.keys(bigCodes)) report(`getVoucherCodes with ${codeCount} codes, ${name}, wall clock`, median(codeTimes.wall[name]!), 'ms', 'median of 15 rounds of 2 calls per case');
    for (const [clock, times] of Object.entries(codeTimes)) {
      report(`getVoucherCodes with ${codeCount} codes, client / raw fetch + JSON.parse, ${clock}`, medianRatio(times, 'client', 'raw fetch + JSON.parse'), 'ratio', 'raw fetch + JSON.parse, same answer, same run (goal ≤ 1.10)');
    }

    const ours = await bundleSize("export * from './src/index.ts';");
    const openapiFetchAlone = await bundleSize("export { default } from 'openapi-fetch';");
    report('client bundle, minified + gzip', ours, 'bytes', 'whole package with openapi-fetch and the operation table, esbuild --minify, gzip -9 (goal ≤ 8192)');
    report('openapi-fetch alone, minified + gzip', openapiFetchAlone, 'bytes', 'baseline, same bundler settings');
    report('client bundle / openapi-fetch alone', ours / openapiFetchAlone, 'ratio', 'openapi-fetch 0.17.0 alone, same bundler settings');
    // Each subpath alone, and what it adds to an app that already bundles the main entry (shared modules counted once).
    for (const subpath of ['oauth', 'logging', 'rate-limit']) {
      const file = subpath === 'oauth' ? './src/oauth/index.ts' : `./src/${subpath}.ts`;
      const alone = await bundleSize(`export * from '${file}';`);
      const both = await bundleSize(`export * from './src/index.ts'; export * from '${file}';`);
      report(`client/${subpath} bundle alone, minified + gzip`, alone, 'bytes', 'the subpath export on its own, same bundler settings');
      report(`client/${subpath} added to the main entry, minified + gzip`, both - ours, 'bytes', 'main entry + subpath, less the main entry alone');
    }
  } finally {
    server.kill();
  }
}
