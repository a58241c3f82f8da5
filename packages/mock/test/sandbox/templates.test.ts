import { ApiError } from '@voucher-programs/client';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { RunningSandbox } from '../../src/index.js';
import { clientFor, dayMs, expectNoViolations, hourMs, testSandbox } from './support.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await testSandbox();
});
afterEach(() => expectNoViolations(sandbox));
afterAll(() => sandbox?.stop());

const template = {
  template_name: 'Thursday dinner',
  campaign_name: 'Team dinner',
  timezone: 'America/Los_Angeles',
  currency_code: 'USD',
  value_per_trip_max_amount: 40,
  value_per_period_max_trips: 4,
  value_per_trip_percentage: 80,
  value_recurrence_period: 'MONTHLY',
} as const;

describe('templates', () => {
  test('create, get, list in pages, update: the answer names deductible and percentage', async () => {
    const client = clientFor(sandbox, { organizationId: 'templates-org' });
    const { uuid } = await client.templates.createVoucherProgramTemplate({ body: template });
    const got = await client.templates.getVoucherProgramTemplate({ path: { template_id: uuid } });
    expect(got).toMatchObject({ uuid, template_name: 'Thursday dinner', campaign_name: 'Team dinner', percentage: 80, deductible: null, value_per_trip_max_amount: 40 });
    expect(got).not.toHaveProperty('value_per_trip_percentage');

    await client.templates.updateVoucherProgramTemplate({ path: { template_id: uuid }, body: { template_name: 'Thursday dinner', value_per_trip_deductible: 5, vehicle_category_types: [] } });
    // A deductible replaces the percentage; an empty vehicle list removes the restriction.
    expect(await client.templates.getVoucherProgramTemplate({ path: { template_id: uuid } })).toMatchObject({ deductible: 5, percentage: 100, vehicle_category_types: null });

    for (let i = 0; i < 4; i++) await client.templates.createVoucherProgramTemplate({ body: { ...template, template_name: `Template ${i}` } });
    const names: string[] = [];
    for await (const item of client.paginate('listVoucherProgramTemplates', { query: { limit: 2 } })) names.push(item.template_name);
    expect(names).toEqual(['Thursday dinner', 'Template 0', 'Template 1', 'Template 2', 'Template 3']);

    const unknown = await client.templates.getVoucherProgramTemplate({ path: { template_id: 'nope' } }).catch((error: unknown) => error);
    expect([(unknown as ApiError).status, (unknown as ApiError).code]).toEqual([404, 'resource_not_found']);
  });

  test('create from template: the template settings, the call own dates, name and overrides, and the window rules', async () => {
    const client = clientFor(sandbox, { organizationId: 'from-template-org' });
    const { uuid } = await client.templates.createVoucherProgramTemplate({ body: template });
    const now = sandbox.clock.now();
    const { voucher_program_id, code_text } = await client.programs.createVoucherProgramFromTemplate({
      body: { template_id: uuid, starts_at: now + hourMs, ends_at: now + 10 * dayMs, redemptions_per_code: 12, description: 'Q3' },
    });
    expect(code_text).toEqual(expect.any(String));
    const program = await client.programs.getVoucherProgram({ path: { voucher_program_id } });
    expect(program).toMatchObject({
      name: 'Team dinner',
      description: 'Q3',
      timezone: 'America/Los_Angeles',
      currency_code: 'USD',
      code_scheme: 'SINGLE_CODE_MULTI_REDEEM',
      redemptions_per_code: 12,
      value_per_trip_max_amount: 40,
      value_per_trip_percentage: 80,
      value_recurrence_period: 'MONTHLY',
      status: 'UPCOMING',
    });
    for (const [starts, ends] of [
      [now - 2 * dayMs, now + dayMs],
      [now + 400 * dayMs, now + 401 * dayMs],
      [now + hourMs, now + hourMs],
    ]) {
      const refused = await client.programs.createVoucherProgramFromTemplate({ body: { template_id: uuid, starts_at: starts!, ends_at: ends! } }).catch((error: unknown) => error);
      expect((refused as ApiError).status).toBe(400);
    }
    const missing = await client.programs.createVoucherProgramFromTemplate({ body: { template_id: 'nope', starts_at: now + hourMs, ends_at: now + dayMs } }).catch((error: unknown) => error);
    expect((missing as ApiError).status).toBe(404);
  });

  test('the deprecated individual program: the template name, the given program id, the person as a guest', async () => {
    const client = clientFor(sandbox, { organizationId: 'individual-org' });
    const { uuid } = await client.templates.createVoucherProgramTemplate({ body: template });
    const body = { name: 'Thursday dinner', template_uuid: uuid, program_uuid: '3e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b', owner_uuid: 'owner', owner_type: 'ORGANIZATION', email_address: 'dana@example.com' } as const;
    const wrongName = await client.programs.createIndividualVoucherProgram({ body: { ...body, name: 'Other' } }).catch((error: unknown) => error);
    expect((wrongName as ApiError).status).toBe(400);
    await client.programs.createIndividualVoucherProgram({ body });
    const program = await client.programs.getVoucherProgram({ path: { voucher_program_id: body.program_uuid }, query: { include_guests: true } });
    expect(program.status).toBe('ACTIVE');
    expect(program.guests?.map((guest) => guest.email)).toEqual(['dana@example.com']);
    const again = await client.programs.createIndividualVoucherProgram({ body }).catch((error: unknown) => error);
    expect((again as ApiError).status).toBe(400);
  });
});

describe('redeem and trip runs', () => {
  test('a rider redeems once; the guest then shows the voucher; a run completes on the sandbox clock', async () => {
    const client = clientFor(sandbox, { organizationId: 'redeem-org' });
    const now = sandbox.clock.now();
    const { voucher_program_id, code_text } = await client.programs.createVoucherProgram({
      body: { name: 'Launch party', currency_code: 'USD', code_scheme: 'SINGLE_CODE_MULTI_REDEEM', voucher_type: 'PERSONAL_TRANSPORT', starts_at: now, ends_at: now + dayMs, redemptions_per_code: 1, value_per_trip_max_amount: 15 },
    });
    await client.guests.addGuests({ path: { voucher_program_id }, body: { guests: [{ email: 'Rider@Example.com' }] } });
    const consent = await sandbox.fetch(`${sandbox.authorizeUrl}?response_type=code&client_id=rider-app&redirect_uri=http://127.0.0.1:9/cb&scope=vouchers.redeem&login_hint=rider@example.com`, { redirect: 'manual' });
    const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
    const riderToken = async (hint: string) => {
      const location = hint === 'rider@example.com' ? code : new URL((await sandbox.fetch(`${sandbox.authorizeUrl}?response_type=code&client_id=rider-app&redirect_uri=http://127.0.0.1:9/cb&scope=vouchers.redeem&login_hint=${hint}`, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
      const answer = await sandbox.fetch(sandbox.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `grant_type=authorization_code&client_id=rider-app&client_secret=s&redirect_uri=http://127.0.0.1:9/cb&code=${location}` });
      return ((await answer.json()) as { access_token: string }).access_token;
    };
    const redeem = async (token: string) => {
      const answer = await sandbox.fetch(`${sandbox.url}/v1.2/me/vouchers/redeem`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ code_text }) });
      return { status: answer.status, body: (await answer.json()) as { voucher_id?: string; code?: string } };
    };
    const rider = await riderToken('rider@example.com');
    const first = await redeem(rider);
    expect(first.status).toBe(200);
    expect(await redeem(rider)).toMatchObject({ status: 409, body: { code: 'code_already_redeemed' } });
    expect(await redeem(await riderToken('other@example.com'))).toMatchObject({ status: 400, body: { code: 'redeem_count_exceeded' } });
    const { guests } = await client.guests.getGuests({ path: { voucher_program_id } });
    expect(guests[0]?.voucher).toEqual({ voucher_id: first.body.voucher_id });

    const run = await client.call('createSandboxTripRun', {
      body: { pickup: { point: { latitude: 37.7793, longitude: -122.4193 } }, dropoff: { point: { latitude: 37.8024, longitude: -122.4058 } }, rider_info: { identifier: { email_address: 'rider@example.com' } }, scenario: { id: 'COMPLETED_STATE_TRIP' }, product_type: 'UBERX' },
    });
    expect((await client.call('getSandboxRun', { path: { run_id: run.run_id } })).state).toBe('RUNNING');
    sandbox.clock.advance(60_000);
    expect((await client.call('getSandboxRun', { path: { run_id: run.run_id } })).state).toBe('COMPLETED');
  });
});
