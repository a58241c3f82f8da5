/**
 * What each of the mock's shortcuts saves on Prism's side of a request, in process and without
 * HTTP (whose cost is the same with or without them): CPU time per request for routing and
 * `prism.request`, one shortcut added at a time, configurations interleaved over rounds. CPU
 * time of this process is the steady figure on a shared machine. The path-template cache patches
 * the module Prism loads and cannot be undone, so the rows before it run first in every round of
 * a separate first phase; the rows after it include it.
 *
 * `pnpm bench mock-engine [--rounds N] [--requests N]`; needs the built package.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

// Not strict: `pnpm bench mock …` hands the same flags to mock.ts, which has its own.
const { values: flags } = parseArgs({ strict: false, options: { rounds: { type: 'string', default: '3' }, requests: { type: 'string', default: '2000' } } });
const rounds = Number(flags.rounds);
const requests = Number(flags.requests);
if (![rounds, requests].every((n) => Number.isInteger(n) && n >= 1 && n <= 100_000)) throw new Error('--rounds and --requests take whole numbers from 1 to 100000');

const dist = fileURLToPath(new URL('../../packages/mock/dist/', import.meta.url));
const prismRequire = createRequire(createRequire(`${dist}index.js`).resolve('@stoplight/prism-http'));
const validator = prismRequire('./validator/index.js');
const { memoizeOutputValidation } = (await import(`${dist}outputValidationMemo.js`)) as typeof import('../../packages/mock/src/outputValidationMemo.ts');
const { withAnswerCache } = (await import(`${dist}answerCache.js`)) as typeof import('../../packages/mock/src/answerCache.ts');
const { cacheUriTemplates } = (await import(`${dist}uriTemplateCache.js`)) as typeof import('../../packages/mock/src/uriTemplateCache.ts');
const { createMockLogger } = (await import(`${dist}logger.js`)) as typeof import('../../packages/mock/src/logger.ts');
const { createPrismConfig } = (await import(`${dist}prismConfig.js`)) as typeof import('../../packages/mock/src/prismConfig.ts');
const { findOperation, indexRoutes } = (await import(`${dist}prismRouting.js`)) as typeof import('../../packages/mock/src/prismRouting.ts');
const { bundledSpecPath } = (await import(`${dist}bundledSpec.js`)) as typeof import('../../packages/mock/src/bundledSpec.ts');

// Prism's types, named through the mock's own signatures (the scripts do not depend on Prism).
type PrismHttpInstance = ReturnType<typeof withAnswerCache>;
type IHttpConfig = ReturnType<typeof createPrismConfig>;
type IHttpOperation = Parameters<typeof findOperation>[0][number];
type IHttpRequest = Parameters<typeof findOperation>[1];
const { createInstance, getHttpOperationsFromSpec } = prismRequire('./index.js') as {
  createInstance: (config: IHttpConfig, components: Record<string, unknown>) => PrismHttpInstance;
  getHttpOperationsFromSpec: (spec: string) => Promise<IHttpOperation[]>;
};

// Two copies: routing without the index must not find one.
const allOperations = await getHttpOperationsFromSpec(bundledSpecPath);
const indexedOperations = await getHttpOperationsFromSpec(bundledSpecPath);
indexRoutes(indexedOperations);
const config = createPrismConfig({});
const organization = '/v1/organizations/7b3f7c4e-2a5d-4b8e-9f61-0c1d2e3f4a5b';
const exchanges: Record<string, () => IHttpRequest> = {
  get: () => ({ method: 'get', url: { path: `${organization}/voucher-programs/5f0c2a51-8e3b-4d7a-b1c9-2e4f6a8b0c1d`, query: {} }, headers: { authorization: 'Bearer b' } }),
  post: () => ({
    method: 'post',
    url: { path: `${organization}/voucher-programs/search`, query: {} },
    headers: { authorization: 'Bearer b', 'content-type': 'application/json', 'content-length': '48' },
    body: { program_status: 'ACTIVE', limit: 10, offset: 0 },
  }),
};

interface Setup { name: string; operations: IHttpOperation[]; prism: PrismHttpInstance }
const pino = createMockLogger('error', 'pretty', () => {}).child({ name: 'PRISM' });
const silent = createMockLogger('silent');
const memoized = { validateOutput: memoizeOutputValidation(validator.validateOutput) as never };
const cached = (prism: PrismHttpInstance) => withAnswerCache(prism, { validateSecurity: validator.validateSecurity, validateInput: validator.validateInput, logLevel: 'silent' });

async function perRequestMicros(setup: Setup, exchange: () => IHttpRequest): Promise<number> {
  const once = async () => {
    const input = exchange();
    const operation = findOperation(setup.operations, input);
    const result = await setup.prism.request(input, [operation!], { ...config, mock: { ...config.mock } } as IHttpConfig)();
    if (result._tag !== 'Right' || result.right.output.statusCode !== 200) throw new Error(`${setup.name}: no 200`);
  };
  for (let i = 0; i < Math.min(500, requests); i += 1) await once();
  const began = process.cpuUsage();
  for (let i = 0; i < requests; i += 1) await once();
  const used = process.cpuUsage(began);
  return (used.user + used.system) / requests;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const results = new Map<string, number[]>();
async function phase(setups: Setup[]): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    for (const setup of setups.map((_, i) => setups[(i + round) % setups.length]!)) {
      for (const [label, exchange] of Object.entries(exchanges)) {
        const key = `${label}\u0000${setup.name}`;
        results.set(key, [...(results.get(key) ?? []), await perRequestMicros(setup, exchange)]);
      }
    }
  }
}

await phase([
  { name: 'prism', operations: allOperations, prism: createInstance(config, { logger: pino }) },
  { name: 'routeIndex', operations: indexedOperations, prism: createInstance(config, { logger: pino }) },
  { name: 'routeIndex+outputMemo', operations: indexedOperations, prism: createInstance(config, { logger: pino, ...memoized }) },
]);
cacheUriTemplates();
await phase([
  { name: 'routeIndex+outputMemo+uriTemplates', operations: indexedOperations, prism: createInstance(config, { logger: pino, ...memoized }) },
  { name: 'routeIndex+outputMemo+uriTemplates+silentLogger', operations: indexedOperations, prism: createInstance(config, { logger: silent, ...memoized }) },
  { name: 'all+answerCache', operations: indexedOperations, prism: cached(createInstance(config, { logger: silent, ...memoized })) },
]);

for (const label of Object.keys(exchanges)) {
  const baseline = median(results.get(`${label}\u0000prism`)!);
  let previous = baseline;
  for (const [key, values] of results) {
    const [keyLabel, name] = key.split('\u0000') as [string, string];
    if (keyLabel !== label) continue;
    const micros = median(values);
    console.log(JSON.stringify({ name: `mock-engine.${label}.${name}`, value: Number(micros.toFixed(1)), unit: 'µs CPU/request', baseline: Number(baseline.toFixed(1)) }));
    if (name !== 'prism') console.log(JSON.stringify({ name: `mock-engine.${label}.${name}.vsPrevious`, value: Number((micros / previous).toFixed(3)), unit: 'ratio', baseline: 'the row before, same run' }));
    previous = micros;
  }
}
