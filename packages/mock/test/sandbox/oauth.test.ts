import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { RunningSandbox } from '../../src/index.js';
import { dayMs, expectNoViolations, organizationId, singleCodeProgram, testSandbox } from './support.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await testSandbox({ oauth: { clients: [{ clientId: 'partner-app', clientSecret: 'partner-secret' }] } });
});
afterEach(() => expectNoViolations(sandbox));
afterAll(() => sandbox?.stop());

async function token(form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await sandbox.fetch(sandbox.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const app = { client_id: 'partner-app', client_secret: 'partner-secret' };
const programsUrl = () => `${sandbox.url}/v1/organizations/${organizationId}/voucher-programs`;

async function createProgram(accessToken: string): Promise<Response> {
  return sandbox.fetch(programsUrl(), {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(singleCodeProgram(sandbox, 3)),
  });
}

async function consent(query: Record<string, string>): Promise<URL> {
  const response = await sandbox.fetch(`${sandbox.authorizeUrl}?${new URLSearchParams(query)}`, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location')!);
}

describe('the token endpoint on the sandbox clock', () => {
  test('client credentials: registered credentials only, and the token works until it expires on the sandbox clock', async () => {
    expect(await token({ grant_type: 'client_credentials', client_id: 'partner-app', client_secret: 'wrong' })).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    const issued = await token({ grant_type: 'client_credentials', ...app });
    expect(issued).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 30 * 24 * 60 * 60, scope: 'organizations.voucher_programs' } });
    const accessToken = issued.body['access_token'] as string;
    expect((await createProgram(accessToken)).status).toBe(200);
    sandbox.clock.advance(30 * dayMs);
    const expired = await createProgram(accessToken);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ code: 'unauthorized', message: 'The access token has expired' });
  });

  test('each operation accepts exactly the scopes the spec lists: a rider token cannot manage programs, an app token cannot redeem', async () => {
    const location = await consent({ response_type: 'code', client_id: 'partner-app', redirect_uri: 'http://127.0.0.1:9/callback', scope: 'vouchers.redeem', state: 'xyz', login_hint: 'rider@example.com' });
    expect(location.searchParams.get('state')).toBe('xyz');
    const rider = await token({ grant_type: 'authorization_code', code: location.searchParams.get('code')!, redirect_uri: 'http://127.0.0.1:9/callback', ...app });
    expect(rider).toMatchObject({ status: 200, body: { scope: 'vouchers.redeem', refresh_token: expect.any(String) } });
    const refused = await createProgram(rider.body['access_token'] as string);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { message: string }).message).toContain('organizations.voucher_programs');

    const appToken = (await token({ grant_type: 'client_credentials', ...app })).body['access_token'] as string;
    const created = (await (await createProgram(appToken)).json()) as { code_text: string };
    const redeemWith = (accessToken: string) =>
      sandbox.fetch(`${sandbox.url}/v1.2/me/vouchers/redeem`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ code_text: created.code_text }),
      });
    expect((await redeemWith(appToken)).status).toBe(401);
    // The program has not started: the rider's token is accepted, the program state refuses.
    const early = await redeemWith(rider.body['access_token'] as string);
    expect([early.status, ((await early.json()) as { code: string }).code]).toEqual([400, 'voucher_program_inactive']);
  });

  test('the delegated scope through the authorize step; the refresh token is single use and keeps the consent', async () => {
    const location = await consent({ response_type: 'code', client_id: 'partner-app', redirect_uri: 'http://127.0.0.1:9/cb', scope: 'organizations.voucher_programs.delegated' });
    const first = await token({ grant_type: 'authorization_code', code: location.searchParams.get('code')!, redirect_uri: 'http://127.0.0.1:9/cb', ...app });
    expect((await createProgram(first.body['access_token'] as string)).status).toBe(200);
    // A code is single use.
    expect(await token({ grant_type: 'authorization_code', code: location.searchParams.get('code')!, redirect_uri: 'http://127.0.0.1:9/cb', ...app })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: first.body['refresh_token'] as string, ...app });
    expect(refreshed).toMatchObject({ status: 200, body: { scope: 'organizations.voucher_programs.delegated' } });
    expect((await createProgram(refreshed.body['access_token'] as string)).status).toBe(200);
    expect(await token({ grant_type: 'refresh_token', refresh_token: first.body['refresh_token'] as string, ...app })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  test('the authorize step refuses what it cannot consent to', async () => {
    const aggregator = await consent({ response_type: 'code', client_id: 'partner-app', redirect_uri: 'http://127.0.0.1:9/cb', scope: 'organizations.voucher_programs.aggregator' });
    expect(aggregator.searchParams.get('error')).toBe('invalid_scope');
    expect(aggregator.searchParams.has('code')).toBe(false);
    const noRedirect = await sandbox.fetch(`${sandbox.authorizeUrl}?client_id=partner-app&response_type=code`);
    expect([noRedirect.status, ((await noRedirect.json()) as { error: string }).error]).toEqual([400, 'invalid_request']);
  });

  test('the 101st token request within an hour of sandbox time is refused with 429 too_many_requests', async () => {
    const limited = await testSandbox({ oauth: { requestsPerHour: 100 } });
    try {
      const ask = () => limited.fetch(limited.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=busy&client_secret=s' });
      for (let i = 0; i < 100; i++) expect((await ask()).status).toBe(200);
      const refused = await ask();
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { error: string }).error).toBe('too_many_requests');
      limited.clock.advance(60 * 60 * 1000);
      expect((await ask()).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });
});
