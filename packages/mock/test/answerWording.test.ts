import { request as httpRequest, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startMock, startProxy, type RunningMock } from '../src/index.js';
import { exchange } from './support/http.js';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, logLevel: 'silent' });
});
afterAll(() => mock?.stop());

const program = '/v1/organizations/org-1/voucher-programs/prog-1';

describe('a refused token says what was wrong with it', () => {
  test.each([
    [undefined, /^No access token: send Authorization: Bearer <token>$/],
    ['Basic dm91Y2hlcjpwcm9ncmFtcw==', /uses the Basic scheme/],
    ['Bearer', /bearer token is empty/],
    ['Bearer    ', /bearer token is empty/],
  ])('Authorization %j', async (authorization, message) => {
    const answer = await exchange(`${mock.url}${program}`, { headers: authorization === undefined ? {} : { authorization } });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(message) });
  });
});

/** The header names exactly as they went over the wire. */
function rawHeaderNames(path: string, headers: Record<string, string>): Promise<string[]> {
  return new Promise((resolve, reject) => {
    httpRequest(`${mock.url}${path}`, { headers }, (answer) => {
      answer.resume();
      answer.on('end', () => resolve(answer.rawHeaders.filter((_, index) => index % 2 === 0)));
    })
      .on('error', reject)
      .end();
  });
}

test.each([
  ['an example answer', program, { authorization: 'Bearer t' }],
  ['a Prefer: code=404 answer', program, { authorization: 'Bearer t', prefer: 'code=404' }],
  ['an unknown path', '/nope', {}],
])('%s names its headers as HTTP writes them (Content-Type, not Content-type)', async (_name, path, headers) => {
  const names = await rawHeaderNames(path, headers);
  expect(names).toContain('Content-Type');
  expect(names.filter((name) => name.toLowerCase() === 'content-type')).toEqual(['Content-Type']);
});

test('proxy: an unreachable upstream is recorded in upstreamFailures, with the cause', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const upstream = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((resolve) => closed.close(resolve));
  const proxy = await startProxy({ upstream, logLevel: 'silent' });
  try {
    const answer = await exchange(`${proxy.url}${program}`, { headers: { authorization: 'Bearer t' } });
    // The proxy speaks for an upstream it could not reach: a gateway error, not the API's own 500.
    expect(answer.status).toBe(502);
    expect(answer.body).toMatchObject({ code: 'internal_server_error', message: expect.stringContaining(upstream) });
    expect(proxy.upstreamFailures).toEqual([{ method: 'GET', path: program, reason: expect.stringContaining('ECONNREFUSED') }]);
  } finally {
    await proxy.stop();
  }
});
