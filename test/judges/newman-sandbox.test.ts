import { readFile } from 'node:fs/promises';
import { startSandbox, type RunningSandbox } from '@voucher-programs/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useMock } from '../contract/support/mock.ts';
import { failureReport, runCollection } from './support/newmanRun.ts';
import { requestItems, type PostmanCollection } from './support/postmanCollection.ts';

// A hand-written Postman collection, as a partner would keep one: each request's `pm.test`s judge
// the answer and hand the ids on to the next request through collection variables.
const collectionUrl = new URL('./collections/sandbox-partner-flow.postman_collection.json', import.meta.url);
const variables = { organizationId: 'judges-organization', clientId: 'judges', clientSecret: 'judges-secret' };
const voucherMock = useMock();
let collection: PostmanCollection;
let sandbox: RunningSandbox;
const violations: unknown[] = [];

beforeAll(async () => {
  collection = JSON.parse(await readFile(collectionUrl, 'utf8')) as PostmanCollection;
  sandbox = await startSandbox({ port: 0, clock: 'manual', seed: 'newman', strict: true, logLevel: 'silent', onViolation: (violation) => violations.push(violation) });
});
afterAll(() => sandbox?.stop());

describe('a hand-written Postman collection run by newman against the sandbox', () => {
  it('token, create, get, generate, 409 while codes are made, clock, codes: every pm.test passes', async () => {
    const outcomes = await runCollection(collection, { baseUrl: sandbox.url, ...variables });
    console.info(outcomes.map((outcome) => `newman: ${outcome.name} → ${outcome.status}, ${outcome.passed.length} passed, ${outcome.failed.length} failed`).join('\n'));
    expect(failureReport(outcomes)).toEqual([]);
    expect(outcomes.map((outcome) => outcome.name)).toEqual(requestItems(collection).map((item) => item.name));
    for (const outcome of outcomes) expect(outcome.passed.length, `${outcome.name} ran no pm.test`).toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });

  it('the same collection fails against the stateless mock, which keeps nothing and never makes codes wait', async () => {
    const report = failureReport(await runCollection(collection, { baseUrl: voucherMock.url, ...variables }));
    expect(report.join('\n')).toMatch(/Get the codes while they are made → 200: codes are still being made: 409/);
    expect(report.join('\n')).toMatch(/Get the program → 200: it is the program just created/);
  });
});
