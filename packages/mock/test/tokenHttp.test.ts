import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startMock, type RunningContractMock } from '../src/index.js';
import { bearer, exchange } from './support/http.js';

let mock: RunningContractMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, logLevel: 'silent', oauth: { clients: [{ clientId: 'app-1', clientSecret: 'shh' }] } });
});
afterAll(() => mock?.stop());

const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };

describe('POST /oauth/v2/token over HTTP', () => {
  test('tokenUrl is the mock URL plus Uber\'s token path', () => {
    expect(mock.tokenUrl).toBe(`${mock.url}/oauth/v2/token`);
  });

  test('form-encoded client credentials get a token the endpoint then recognises, never cached', async () => {
    const answer = await exchange(mock.tokenUrl, {
      method: 'POST',
      headers: formHeaders,
      body: 'client_id=app-1&client_secret=shh&grant_type=client_credentials&scope=organizations.voucher_programs',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 2_592_000, scope: 'organizations.voucher_programs' });
    expect(mock.tokens.verify((answer.body as { access_token: string }).access_token)?.clientId).toBe('app-1');
  });

  test('multipart/form-data is read too', async () => {
    const body = new FormData();
    for (const [name, value] of Object.entries({ client_id: 'app-1', client_secret: 'shh', grant_type: 'client_credentials' })) body.append(name, value);
    const answer = await exchange(mock.tokenUrl, { method: 'POST', body });
    expect(answer.status, answer.text).toBe(200);
  });

  test('HTTP Basic client authentication works; a malformed Basic header is invalid_client', async () => {
    const ok = await exchange(mock.tokenUrl, {
      method: 'POST',
      headers: { ...formHeaders, authorization: `Basic ${Buffer.from('app-1:shh').toString('base64')}` },
      body: 'grant_type=client_credentials',
    });
    expect(ok.status).toBe(200);
    const bad = await exchange(mock.tokenUrl, { method: 'POST', headers: { ...formHeaders, authorization: 'Basic !!' }, body: 'grant_type=client_credentials' });
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ error: 'invalid_client' });
  });

  test('a JSON body is invalid_request: the endpoint takes forms only', async () => {
    const answer = await exchange(mock.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'app-1', client_secret: 'shh', grant_type: 'client_credentials' }),
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'invalid_request', error_description: expect.stringMatching(/form-encoded/) });
  });

  test('a wrong secret is 401 invalid_client in the OAuth shape, not the API error model', async () => {
    const answer = await exchange(mock.tokenUrl, { method: 'POST', headers: formHeaders, body: 'client_id=app-1&client_secret=nope&grant_type=client_credentials' });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
    expect(answer.text).not.toContain('nope');
  });

  test('GET is refused with Allow: POST', async () => {
    const answer = await exchange(mock.tokenUrl);
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('POST');
  });

  test('the API beside it still answers', async () => {
    const answer = await exchange(`${mock.url}/v1/organizations/org-1/voucher-program-templates`, { headers: bearer });
    expect(answer.status).toBe(200);
  });
});
