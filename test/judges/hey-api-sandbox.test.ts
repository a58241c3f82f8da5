import { startSandbox, type RunningSandbox } from '@voucher-programs/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientCredentialsToken } from './support/sandboxToken.ts';
import { callOperation, describeIssues, generatedClient, valibotSchema, type GeneratedClient } from './support/heyApiClient.ts';

// The partner flow through the SDK @hey-api/openapi-ts generates: every 2xx answer passes its
// generated zod schema inside the SDK and its generated valibot schema, every refusal is parsed
// as the generated Error.
const organization_id = 'judges-organization';
const hourMs = 60 * 60 * 1000;
let generated: GeneratedClient;
let sandbox: RunningSandbox;
let client: unknown;
const violations: unknown[] = [];

beforeAll(async () => {
  [generated, sandbox] = await Promise.all([
    generatedClient(),
    startSandbox({ port: 0, clock: 'manual', seed: 'judges', strict: true, logLevel: 'silent', onViolation: (violation) => violations.push(violation) }),
  ]);
  const token = await clientCredentialsToken(sandbox.tokenUrl);
  client = generated.createClient({ baseUrl: sandbox.url, auth: () => token });
});
afterAll(async () => {
  await sandbox?.stop();
  await generated?.remove();
});

const call = (operationId: string, options: Record<string, unknown>) => callOperation(generated, operationId, { client, ...options });

async function data<T>(operationId: string, options: Record<string, unknown>): Promise<T> {
  const result = await call(operationId, options);
  if (result.thrown) throw new Error(`${operationId}: the SDK's validators refused: ${describeIssues(result.thrown)}`);
  if (result.error !== undefined) throw new Error(`${operationId}: ${result.response?.status} ${JSON.stringify(result.error)}`);
  // The SDK checked the answer with zod; valibot, with its stricter reading, checks it again.
  const verdict = await generated.valibotParse(valibotSchema(generated, operationId, 'Response'), result.data);
  if (!verdict.success) throw new Error(`${operationId}: valibot refused the answer: ${describeIssues(verdict)}`);
  return result.data as T;
}

async function refusal(operationId: string, options: Record<string, unknown>): Promise<{ status: number | undefined; code: unknown }> {
  const result = await call(operationId, options);
  expect(result.thrown, `${operationId}: ${describeIssues(result.thrown)}`).toBeUndefined();
  const parsed = await generated.zod.zError!.safeParseAsync(result.error);
  expect(parsed.success, `${operationId}: ${describeIssues(parsed.error)} in ${JSON.stringify(result.error)}`).toBe(true);
  return { status: result.response?.status, code: (result.error as { code?: unknown }).code };
}

describe('the partner flow through the generated SDK against the sandbox', () => {
  it('token, create, generate codes, 409 until made, codes, guests a page at a time, cancel', async () => {
    const now = sandbox.clock.now();
    const { voucher_program_id } = await data<{ voucher_program_id: string }>('createVoucherProgram', {
      path: { organization_id },
      body: {
        name: 'Offsite rides',
        currency_code: 'USD',
        code_scheme: 'MULTI_CODE_SINGLE_REDEEM',
        voucher_type: 'PERSONAL_TRANSPORT',
        starts_at: now + hourMs,
        ends_at: now + 48 * hourMs,
        number_of_codes: 4,
        value_per_trip_max_amount: 25,
      },
    });
    const path = { organization_id, voucher_program_id };
    expect(await refusal('getVoucherCodes', { path })).toEqual({ status: 409, code: 'code_generation_in_progress' });

    // Codes take 2 s plus 0.5 ms each on the sandbox clock; the wait is bounded in steps.
    let codes: { total_number_of_codes: number; codes: { code_id: string }[] } | undefined;
    for (let step = 0; step < 10 && !codes; step++) {
      sandbox.clock.advance(1_000);
      const result = await call('getVoucherCodes', { path });
      if (result.response?.status === 200 && !result.thrown) codes = result.data as typeof codes;
      else expect(await refusal('getVoucherCodes', { path })).toEqual({ status: 409, code: 'code_generation_in_progress' });
    }
    expect(codes?.total_number_of_codes).toBe(4);

    await data('generateVoucherCodes', { path, body: { number_of_codes: 3 } });
    expect(await refusal('getVoucherCodes', { path })).toEqual({ status: 409, code: 'code_generation_in_progress' });
    sandbox.clock.advance(5_000);
    const more = await data<{ total_number_of_codes: number; codes: unknown[] }>('getVoucherCodes', { path, query: { include_usage: true } });
    expect(more.total_number_of_codes).toBe(7);
    expect(more.codes).toHaveLength(7);

    const guests = [{ email: 'ana@example.com' }, { phone: '+14155550123' }, { email: 'bo@example.com' }, { email: 'cy@example.com' }, { email: 'di@example.com' }];
    await data('addGuests', { path, body: { guests } });
    const listed: { email?: string | null; phone?: string | null }[] = [];
    let page_token: string | undefined;
    let pages = 0;
    do {
      const page = await data<{ guests: typeof listed; next_token?: string | null }>('getGuests', { path, query: { limit: 2, ...(page_token ? { page_token } : {}) } });
      expect(page.guests.length).toBeLessThanOrEqual(2);
      listed.push(...page.guests);
      page_token = page.next_token ?? undefined;
      pages++;
    } while (page_token && pages < 10);
    expect(pages).toBe(3);
    expect(listed.map((guest) => guest.email ?? guest.phone)).toEqual(guests.map((guest) => guest.email ?? guest.phone));

    const canceled = await call('cancelVoucherProgram', { path, body: {} });
    expect(canceled.thrown, describeIssues(canceled.thrown)).toBeUndefined();
    expect(canceled.response?.status).toBe(204);
    expect((await data<{ status: string }>('getVoucherProgram', { path })).status).toBe('CANCELED');
    expect(await refusal('cancelVoucherProgram', { path, body: {} })).toEqual({ status: 400, code: 'invalid_request' });
    expect(await refusal('getVoucherProgram', { path: { organization_id, voucher_program_id: 'no-such-program' } })).toEqual({ status: 404, code: 'resource_not_found' });
    expect(violations).toEqual([]);
  });
});
