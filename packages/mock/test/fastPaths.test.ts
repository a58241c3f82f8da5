/**
 * The fast paths are taken, and take only what they may: Prism's router and engine are the
 * judges (test/contract/fast-paths.test.ts compares whole answers over HTTP).
 */
import { createRequire } from 'node:module';
import { createInstance, type IHttpRequest, type PrismHttpInstance } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import { beforeAll, describe, expect, test } from 'vitest';
import { withAnswerCache } from '../src/answerCache.js';
import { createMockLogger } from '../src/logger.js';
import { memoizeInputValidation } from '../src/inputValidationMemo.js';
import { memoizeOutputValidation, type ValidateOutput } from '../src/outputValidationMemo.js';
import { createPrismConfig } from '../src/prismConfig.js';
import { findOperation, indexRoutes } from '../src/prismRouting.js';
import { createRouteIndex } from '../src/routeIndex.js';
import { bundledSpecPath, sandboxControlSpecPath } from '../src/bundledSpec.js';
import { loadSpecOperations } from '../src/specOperations.js';

const prismRequire = createRequire(createRequire(import.meta.url).resolve('@stoplight/prism-http'));
type Route = (opts: { resources: IHttpOperation[]; input: IHttpRequest }) => { _tag: string; right?: IHttpOperation };
const route = (prismRequire('./router/index.js') as { default: Route }).default;
const validator = prismRequire('./validator/index.js') as {
  validateOutput: ValidateOutput;
  validateInput: Parameters<typeof withAnswerCache>[1]['validateInput'];
  validateSecurity: Parameters<typeof withAnswerCache>[1]['validateSecurity'];
};

const organization = '/v1/organizations/7b3f7c4e-2a5d-4b8e-9f61-0c1d2e3f4a5b';
const programPath = `${organization}/voucher-programs/5f0c2a51-8e3b-4d7a-b1c9-2e4f6a8b0c1d`;
let operations: IHttpOperation[];
beforeAll(async () => {
  operations = await loadSpecOperations(bundledSpecPath);
});

function get(path: string, headers: Record<string, string> = {}, query: Record<string, string> = {}): IHttpRequest {
  return { method: 'get', url: { path, query }, headers: { authorization: 'Bearer test', ...headers } };
}

describe('route pre-filter', () => {
  // Paths near the spec's: every operation's own, with odd, encoded and missing segments.
  const paths = [
    programPath,
    `${programPath}/`,
    `${programPath}/codes`,
    `${programPath}/codes/generate`,
    `${organization}/voucher-programs/search`,
    `${organization}/voucher-programs/create-from-template`,
    `${organization}/voucher-programs/search%2Fx`,
    `${organization}/voucher-program%73/5f0c2a51`,
    `${organization}/voucher-programs/%E0%A4%A`,
    `${organization}/voucher-programs/%7Bvoucher_program_id%7D`,
    `${organization}/voucher-programs//codes`,
    `${organization}/voucher-program-templates/t-1`,
    `${organization}/individual_voucher_program/create`,
    '/v1.2/me/vouchers/redeem',
    '/v1.2/me/vouchers/redeem/',
    '/v1/organizations//voucher-programs',
    '/',
    '/v2/organizations/x/voucher-programs',
  ];
  const methods = ['get', 'put', 'post', 'patch', 'delete'] as const;

  test('leaves Prism the operation it would pick among all of them', () => {
    const candidates = createRouteIndex(operations);
    let matched = 0;
    for (const path of paths) {
      for (const method of methods) {
        const input: IHttpRequest = { method, url: { path }, headers: {} };
        const amongAll = route({ resources: operations, input });
        const filtered = candidates(method, path);
        const amongFew = filtered.length > 0 ? route({ resources: filtered, input }) : undefined;
        expect(amongFew?.right?.id, `${method} ${path}`).toBe(amongAll._tag === 'Right' ? amongAll.right!.id : undefined);
        if (amongAll._tag === 'Right') matched++;
      }
    }
    expect(matched).toBeGreaterThan(10);
  });

  test('remembered routes: asked twice, findOperation still gives the operation Prism picks among all', () => {
    const indexed = [...operations];
    indexRoutes(indexed);
    for (const round of [1, 2]) {
      for (const path of paths) {
        for (const method of methods) {
          const input: IHttpRequest = { method, url: { path }, headers: {} };
          const amongAll = route({ resources: operations, input });
          expect(findOperation(indexed, input)?.id, `round ${round}: ${method} ${path}`).toBe(amongAll._tag === 'Right' ? amongAll.right!.id : undefined);
        }
      }
    }
  });

  test('hands Prism only the operations that can match', () => {
    expect(createRouteIndex(operations)('get', programPath).map((op) => op.path)).toEqual(['/v1/organizations/{organization_id}/voucher-programs/{voucher_program_id}']);
    expect(createRouteIndex(operations)('get', '/nothing/here')).toEqual([]);
  });
});

describe('precomputed operations', () => {
  test('survive being written as JSON and read back, as the build does', () => {
    expect(JSON.parse(JSON.stringify(operations))).toEqual(operations);
  });

  test('the sandbox control API\'s too', async () => {
    const control = await loadSpecOperations(sandboxControlSpecPath);
    expect(control.length).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(control))).toEqual(control);
  });
});

describe('remembered answer check', () => {
  test('checks a static body once per operation, status and headers; a new body every time', () => {
    let checks = 0;
    const check = memoizeOutputValidation((options) => {
      checks++;
      return validator.validateOutput(options);
    });
    const resource = operations.find((op) => op.id && op.path.endsWith('{voucher_program_id}') && op.method === 'get')!;
    const body = { voucher_program_id: 'p1' };
    const results = [1, 2, 3].map(() => check({ resource, element: { statusCode: 200, headers: { 'Content-type': 'application/json' }, body } }));
    expect(checks).toBe(1);
    expect(results.map((result) => result._tag)).toEqual(['Left', 'Left', 'Left']); // the body lacks required fields
    check({ resource, element: { statusCode: 404, headers: { 'Content-type': 'application/json' }, body } });
    check({ resource, element: { statusCode: 200, headers: { 'Content-type': 'application/json' }, body: { ...body } } });
    expect(checks).toBe(3);
  });
});

describe('remembered input check', () => {
  test('skips only a request that passed before, unchanged; a request with findings is checked every time', () => {
    let checks = 0;
    const check = memoizeInputValidation((options) => {
      checks++;
      return validator.validateInput(options);
    });
    const resource = operations.find((op) => op.id && op.path === '/v1/organizations/{organization_id}/voucher-programs/search' && op.method === 'post')!;
    const search = (body: unknown, headers: Record<string, string> = {}): IHttpRequest => ({
      method: 'post',
      url: { path: `${organization}/voucher-programs/search`, query: {} },
      headers: { authorization: 'Bearer test', 'content-type': 'application/json', 'content-length': '40', ...headers },
      body,
    });
    const valid = { program_status: 'ACTIVE', limit: 10, offset: 0 };
    const invalid = { program_status: 'ACTIVE', limit: 'ten' };
    // Prism is the judge: its own check, unmemoised, on the same requests.
    expect(validator.validateInput({ resource, element: search(valid) })._tag).toBe('Right');
    expect(validator.validateInput({ resource, element: search(invalid) })._tag).toBe('Left');
    const first = [1, 2, 3].map(() => check({ resource, element: search(valid) })._tag);
    expect(first).toEqual(['Right', 'Right', 'Right']);
    expect(checks).toBe(1);
    const bad = [1, 2].map(() => check({ resource, element: search(invalid) })._tag);
    expect(bad).toEqual(['Left', 'Left']);
    expect(checks).toBe(3);
    check({ resource, element: search({ ...valid, limit: 11 }) });
    check({ resource, element: search(valid, { 'content-type': 'text/plain' }) });
    expect(checks).toBe(5);
  });
});

describe('reused answers', () => {
  function counting(logLevel: 'silent' | 'warn' | 'info') {
    const config = createPrismConfig({});
    const prism = createInstance(config, { logger: createMockLogger('silent') });
    let fullPath = 0;
    const counted: PrismHttpInstance = {
      request: (input, resources, requestConfig) => {
        fullPath++;
        return prism.request(input, resources, requestConfig);
      },
    } as PrismHttpInstance;
    const cached = withAnswerCache(counted, { validateSecurity: validator.validateSecurity, validateInput: validator.validateInput, logLevel });
    const resource = operations.find((op) => op.path.endsWith('{voucher_program_id}') && op.method === 'get')!;
    const ask = async (input: IHttpRequest, mock: Record<string, unknown> = {}) => {
      const result = await cached.request(input, [resource], { ...config, mock: { ...config.mock, ...mock } })();
      if (result._tag !== 'Right') throw result.left;
      return result.right;
    };
    return { ask, fullPath: () => fullPath };
  }

  test('a valid request asked again takes no full path, with an equal answer', async () => {
    const { ask, fullPath } = counting('silent');
    const first = await ask(get(programPath));
    const again = await ask(get(programPath));
    const otherId = await ask(get(`${organization}/voucher-programs/other-program`));
    expect(fullPath()).toBe(1);
    expect(again).toEqual(first);
    expect(otherId).toEqual(first);
    expect(again.output).not.toBe(first.output); // a copy: whoever sends it may add headers
  });

  test('the key holds Accept and query; preferences, invalid requests and chatty log levels take the full path', async () => {
    const { ask, fullPath } = counting('silent');
    await ask(get(programPath));
    await ask(get(programPath, { accept: '*/*' }));
    await ask(get(programPath, {}, { include_guests: 'true' }));
    expect(fullPath()).toBe(3);
    await ask(get(programPath, { prefer: 'code=404' }), { code: 404 });
    await ask(get(programPath, { prefer: 'code=404' }), { code: 404 });
    await ask(get(programPath), { dynamic: true });
    expect(fullPath()).toBe(6);
    const invalid = get(programPath, { authorization: 'Basic x' });
    const refused = [await ask(invalid), await ask(invalid)];
    expect(fullPath()).toBe(8);
    expect(refused[0]!.validations.input.length).toBeGreaterThan(0);
    const chatty = counting('info');
    await chatty.ask(get(programPath));
    await chatty.ask(get(programPath));
    expect(chatty.fullPath()).toBe(2);
  });
});
