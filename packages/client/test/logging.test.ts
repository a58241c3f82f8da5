import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VoucherProgramsClient } from '../src/index.js';
import { loggingFetch, type HttpExchange } from '../src/logging.js';
import { json, startFakeApi, tokenPath, type FakeApi } from './fake-api.js';

const secret = 'CANARY-LOG-SECRET-3b9f';
const issued = 'CANARY-LOG-TOKEN-c41d';
const perCall = 'CANARY-LOG-PERCALL-77e2';

let api: FakeApi;
beforeEach(async () => {
  api = await startFakeApi();
});
afterEach(() => api.close());

describe('loggingFetch', () => {
  it('shows every request and answer, token request, 401 re-send and retries included, with credentials redacted', async () => {
    let apiCalls = 0;
    api.handle((request, response) => {
      if (request.url === tokenPath) return json(response, 200, { access_token: issued, expires_in: 3600 });
      apiCalls++;
      if (apiCalls === 1) return json(response, 401, { code: 'unauthorized', message: 'expired' }, { 'Set-Cookie': `session=${issued}` });
      if (apiCalls === 2) return json(response, 503, { code: 'internal_server_error', message: 'later' });
      json(response, 200, { codes: [] }, { 'X-Rate-Limit-Remaining': '499' });
    });
    const log: HttpExchange[] = [];
    const client = new VoucherProgramsClient({
      baseUrl: api.url,
      organizationId: 'org-1',
      auth: { type: 'clientCredentials', clientId: 'app-id', clientSecret: secret, tokenUrl: api.tokenUrl },
      fetch: loggingFetch((exchange) => log.push(exchange)),
      retry: { initialDelayMs: 1 },
    });
    await client.codes.getVoucherCodes({ path: { voucher_program_id: 'p1' } });
    await client.redeem.redeemVoucherCode({ body: { code_text: 'X' }, accessToken: perCall });
    expect(log.map((e) => [e.method, new URL(e.url).pathname, e.status])).toEqual([
      ['POST', tokenPath, 200],
      ['GET', '/v1/organizations/org-1/voucher-programs/p1/codes', 401],
      ['POST', tokenPath, 200],
      ['GET', '/v1/organizations/org-1/voucher-programs/p1/codes', 503],
      ['GET', '/v1/organizations/org-1/voucher-programs/p1/codes', 200],
      ['POST', '/v1.2/me/vouchers/redeem', 200],
    ]);
    expect(log[1]!.requestHeaders.authorization).toBe('[redacted]');
    expect(log[1]!.responseHeaders!['set-cookie']).toBe('[redacted]');
    expect(log[4]!.responseHeaders!['x-rate-limit-remaining']).toBe('499');
    expect(log[0]!.requestHeaders['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    // The canaries really went over the wire, and appear nowhere in what the logger saw.
    expect(api.tokenRequests()[0]!.body).toContain(secret);
    expect(api.apiRequests().at(-1)!.headers.authorization).toBe(`Bearer ${perCall}`);
    const seen = JSON.stringify(log);
    for (const canary of [secret, issued, perCall]) expect(seen).not.toContain(canary);
  });

  it('logs a failure without an answer, and a throwing logger changes nothing', async () => {
    const closed = await startFakeApi();
    await closed.close();
    const log: HttpExchange[] = [];
    const client = new VoucherProgramsClient({ baseUrl: closed.url, organizationId: 'o', auth: { type: 'token', token: 't' }, retry: false, fetch: loggingFetch((e) => log.push(e)) });
    await expect(client.codes.getVoucherCodes({ path: { voucher_program_id: 'p1' } })).rejects.toMatchObject({ name: 'ConnectionError' });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ method: 'GET', error: 'TypeError: fetch failed' });
    expect(log[0]!.status).toBeUndefined();
    const throwing = new VoucherProgramsClient({
      baseUrl: api.url,
      organizationId: 'o',
      auth: { type: 'token', token: 't' },
      fetch: loggingFetch(() => {
        throw new Error('logger broke');
      }),
    });
    await expect(throwing.codes.getVoucherCodes({ path: { voucher_program_id: 'p1' } })).resolves.toEqual({});
  });
});
