import { afterAll, beforeAll, expect, test } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { bearer, exchange } from './support/http.js';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, logLevel: 'silent' });
});
afterAll(() => mock?.stop());

const program = '/v1/organizations/org-1/voucher-programs/prog-1';

test.each([
  ['guests?limit=', 'limit'],
  ['guests?limit', 'limit'],
  ['guests?limit=%205', 'limit'],
  ['guests?limit=%2B5', 'limit'],
  ['guests?limit=01', 'limit'],
  ['guests?limit=0x10', 'limit'],
  ['guests?page_token=', 'page_token'],
  ['codes?include_usage=', 'include_usage'],
  ['?include_guests=', 'include_guests'],
])('%s is a 400 invalid_request naming %s', async (query, name) => {
  const answer = await exchange(`${mock.url}${program}${query.startsWith('?') ? '' : '/'}${query}`, { headers: bearer });
  expect(answer.status, answer.text).toBe(400);
  expect(answer.body).toMatchObject({ code: 'invalid_request', message: expect.stringContaining(name) });
});

test.each(['guests?limit=5', 'guests?limit=1e2', 'guests?page_token=abc', 'codes?include_usage=false', '?include_guests=true'])('%s is accepted', async (query) => {
  const answer = await exchange(`${mock.url}${program}${query.startsWith('?') ? '' : '/'}${query}`, { headers: bearer });
  expect(answer.status, answer.text).toBe(200);
});
