/**
 * A single-use code redeemed by many riders at once, over real loopback HTTP: exactly one wins,
 * every other rider gets the documented refusal, and the code's usage says one redemption.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningSandbox } from '../../src/index.js';
import { clientFor, expectNoViolations, multiCodeProgram, singleCodeProgram, testSandbox } from './support.js';

const riders = 12;
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await testSandbox({ listen: true, port: 0 });
});
afterAll(() => sandbox?.stop());

/** A rider's `vouchers.redeem` token: the sandbox's authorize step consents at once for `login_hint`. */
async function riderToken(email: string): Promise<string> {
  const redirectUri = 'http://127.0.0.1:9/callback';
  const consent = await fetch(`${sandbox.authorizeUrl}?response_type=code&client_id=rider-app&redirect_uri=${encodeURIComponent(redirectUri)}&scope=vouchers.redeem&login_hint=${encodeURIComponent(email)}`, { redirect: 'manual' });
  const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
  const answer = await fetch(sandbox.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'rider-app', client_secret: 'rider-secret', redirect_uri: redirectUri, code }),
  });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { access_token: string }).access_token;
}

/** Every rider at once, each on its own connection. */
async function redeemAtOnce(codeText: string): Promise<Array<{ status: number; code?: string }>> {
  const tokens = await Promise.all(Array.from({ length: riders }, (_, index) => riderToken(`rider${index}@example.com`)));
  return Promise.all(
    tokens.map(async (token) => {
      const answer = await fetch(`${sandbox.url}/v1.2/me/vouchers/redeem`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify({ code_text: codeText }),
      });
      const body = (await answer.json()) as { code?: string };
      return { status: answer.status, ...(body.code ? { code: body.code } : {}) };
    }),
  );
}

describe('concurrent redeems of a single-use code', () => {
  test('a single code with one redemption: one rider wins, the others are told the count is used up', async () => {
    const client = clientFor(sandbox, { organizationId: 'concurrent-single' });
    const created = await client.programs.createVoucherProgram({ body: singleCodeProgram(sandbox, 1, { startsInMs: 0 }) });
    const outcomes = await redeemAtOnce(created.code_text!);
    expect(outcomes.filter((outcome) => outcome.status === 200)).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status !== 200)).toEqual(Array(riders - 1).fill({ status: 400, code: 'redeem_count_exceeded' }));
    expectNoViolations(sandbox);
  });

  test('one code of a multi-code program: one rider wins, and the program\'s other codes stay free', async () => {
    const client = clientFor(sandbox, { organizationId: 'concurrent-multi' });
    const { voucher_program_id } = await client.programs.createVoucherProgram({ body: multiCodeProgram(sandbox, 3, { startsInMs: 0 }) });
    sandbox.clock.advance(60_000); // past the codes' generation time on the sandbox clock
    const { codes } = await client.codes.getVoucherCodes({ path: { voucher_program_id } });
    const outcomes = await redeemAtOnce(codes[0]!.code_text);
    expect(outcomes.filter((outcome) => outcome.status === 200)).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status !== 200)).toEqual(Array(riders - 1).fill({ status: 400, code: 'redeem_count_exceeded' }));
    // The other codes stay free: a later rider still redeems one of them.
    const later = await riderToken('later@example.com');
    const answer = await fetch(`${sandbox.url}/v1.2/me/vouchers/redeem`, { method: 'POST', headers: { authorization: `Bearer ${later}`, 'content-type': 'application/json' }, body: JSON.stringify({ code_text: codes[1]!.code_text }) });
    expect(answer.status).toBe(200);
    expectNoViolations(sandbox);
  });
});
