import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { exchange } from './support/http.js';
import { conformanceProblems, specOperations } from './support/spec.js';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, logLevel: 'silent', maxBodyBytes: 4096 });
});
afterAll(() => mock?.stop());

const segment = fc.oneof(fc.constantFrom('voucher-programs', 'codes', 'guests', 'search', 'cancel', '%2F', '..'), fc.webSegment());
const pathArbitrary = fc.oneof(
  fc.constantFrom(...specOperations.map((operation) => operation.pathTemplate.replace(/\{\w+\}/g, 'id-1'))),
  fc.array(segment, { maxLength: 6 }).map((segments) => `/v1/organizations/${segments.join('/')}`),
);
const bodyArbitrary = fc.option(fc.oneof(fc.json(), fc.string({ maxLength: 200 }), fc.string({ minLength: 4100, maxLength: 4200 })), { nil: undefined });

test('any method, path, headers and body get a declared status and a body in the spec', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'),
      pathArbitrary,
      fc.webQueryParameters(),
      fc.record({
        authorization: fc.constantFrom(undefined, 'Bearer t', 'Bearer', 'Basic x', ''),
        'content-type': fc.constantFrom(undefined, 'application/json', 'text/plain', 'application/json; charset=latin1', 'multipart/form-data'),
        accept: fc.constantFrom(undefined, '*/*', 'text/html', 'application/json;q=0'),
        prefer: fc.constantFrom(undefined, 'code=404', 'code=999', 'example=unauthorized', 'dynamic=true', 'garbage;;=='),
      }, { requiredKeys: [] }),
      bodyArbitrary,
      async (method, path, query, headers, body) => {
        const sendsBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
        const answer = await exchange(`${mock.url}${path}${query ? `?${query}` : ''}`, {
          method,
          headers: Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== undefined)) as Record<string, string>,
          ...(sendsBody ? { body } : {}),
        });
        if (method === 'HEAD' || answer.status === 204) return;
        const operation = specOperations.find((candidate) => candidate.method === method && new RegExp(`^${candidate.pathTemplate.replace(/\{\w+\}/g, '[^/]+')}$`).test(path));
        expect(conformanceProblems(answer.status === 404 && !operation ? undefined : operation, answer.status, answer.body), `${method} ${path} -> ${answer.status} ${answer.text}`).toEqual([]);
      },
    ),
    { numRuns: 150 },
  );
}, 60_000);
