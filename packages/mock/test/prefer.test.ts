import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { bearer, exchange } from './support/http.js';
import { conformanceProblems, declaredErrorExamples, specOperations, validRequest } from './support/spec.js';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, logLevel: 'silent' });
});
afterAll(() => mock?.stop());

function send(operation: (typeof specOperations)[number], headers: Record<string, string> = {}) {
  const { path, body } = validRequest(operation);
  return exchange(`${mock.url}${path}`, {
    method: operation.method,
    headers: { ...bearer, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body }),
  });
}

describe.each(specOperations.map((operation) => [operation.operationId, operation] as const))('%s', (_name, operation) => {
  test('a valid request gets the declared success answer', async () => {
    const answer = await send(operation);
    expect(answer.status, answer.text).toBeLessThan(300);
    expect(conformanceProblems(operation, answer.status, answer.body)).toEqual([]);
  });

  const errorStatuses = Object.keys(operation.operation.responses).filter((status) => /^[45]/.test(status));
  test.each(errorStatuses)('Prefer: code=%s with each named example returns exactly that example', async (status) => {
    const examples = declaredErrorExamples(operation, status);
    expect(Object.keys(examples).length).toBeGreaterThan(0);
    for (const [key, value] of Object.entries(examples)) {
      const answer = await send(operation, { prefer: `code=${status}, example=${key}` });
      expect(answer.status).toBe(Number(status));
      expect(answer.body).toEqual(value);
      expect((answer.body as { code: string }).code).toBe(key);
      expect(conformanceProblems(operation, answer.status, answer.body)).toEqual([]);
    }
    // A bare code means its first named example, never the Error schema's generic example.
    const bare = await send(operation, { prefer: `code=${status}` });
    expect(bare.body).toEqual(Object.values(examples)[0]);
  });
});

test('dynamic answers with a seed conform and repeat', async () => {
  const dynamic = await startMock({ port: 0, logLevel: 'silent', dynamic: true, seed: 42 });
  try {
    const operation = specOperations.find((candidate) => candidate.operationId === 'getVoucherProgram')!;
    const first = await exchange(`${dynamic.url}${validRequest(operation).path}`, { headers: bearer });
    const second = await exchange(`${dynamic.url}${validRequest(operation).path}`, { headers: bearer });
    expect(first.status).toBe(200);
    expect(conformanceProblems(operation, first.status, first.body)).toEqual([]);
    expect(second.text).toBe(first.text);
    const unseeded = await exchange(`${mock.url}${validRequest(operation).path}`, { headers: { ...bearer, prefer: 'dynamic=true' } });
    expect(unseeded.text).not.toBe(first.text);
  } finally {
    await dynamic.stop();
  }
});
