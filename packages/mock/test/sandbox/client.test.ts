import { ApiError } from '@voucher-programs/client';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { RunningSandbox } from '../../src/index.js';
import { clientFor, dayMs, expectNoViolations, hourMs, multiCodeProgram, singleCodeProgram, testSandbox } from './support.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  // Generation time: 1 s + 1 ms a code, so 1,000 codes take 2 s on the sandbox clock.
  sandbox = await testSandbox({ codeGeneration: { baseMs: 1_000, perCodeMs: 1 } });
});
afterEach(() => expectNoViolations(sandbox));
afterAll(() => sandbox?.stop());

/** What a code error looks like to the client: its status and the API's error code. */
async function refusal(call: Promise<unknown>): Promise<{ status: number; code: string | undefined }> {
  const error = await call.then(() => undefined, (reason: unknown) => reason);
  expect(error, 'the call should have failed').toBeInstanceOf(ApiError);
  return { status: (error as ApiError).status, code: (error as ApiError).code };
}

describe('a 1,000-code program through the real client', () => {
  test('waitForCodes sees real 409s while the codes are made, then all 1,000', async () => {
    const client = clientFor(sandbox);
    const { voucher_program_id } = await client.programs.createVoucherProgram({ body: multiCodeProgram(sandbox, 1_000) });
    const waits: number[] = [];
    const codes = await client.waitForCodes(
      'getVoucherCodes',
      { path: { voucher_program_id } },
      {
        intervalMs: 1,
        maxIntervalMs: 1,
        // Each wait moves the sandbox clock by 400 ms: time passes only on the sandbox clock.
        onProgress: ({ attempt }) => {
          waits.push(attempt);
          sandbox.clock.advance(400);
        },
      },
    );
    // 2,000 ms of generation at 400 ms a wait: five refusals, then the codes.
    expect(waits).toEqual([1, 2, 3, 4, 5]);
    expect(codes.total_number_of_codes).toBe(1_000);
    expect(codes.codes).toHaveLength(1_000);
    expect(new Set(codes.codes.map((code) => code.code_id)).size).toBe(1_000);
    expect(new Set(codes.codes.map((code) => code.code_text)).size).toBe(1_000);
    expect(codes.codes.every((code) => code.max_num_redemptions === 1)).toBe(true);
  });

  test('add guests is refused while codes are made and accepted after; each guest holds a different code', async () => {
    const client = clientFor(sandbox);
    const { voucher_program_id } = await client.programs.createVoucherProgram({ body: multiCodeProgram(sandbox, 1_000) });
    const guests = [{ email: 'ana@example.com' }, { phone: '+14155550123' }, { email: 'bo@example.com' }];
    expect(await refusal(client.guests.addGuests({ path: { voucher_program_id }, body: { guests } }))).toEqual({ status: 409, code: 'code_generation_in_progress' });
    // The refused call added nobody.
    expect((await client.guests.getGuests({ path: { voucher_program_id } })).guests).toEqual([]);
    sandbox.clock.advance(2_000);
    const added = await client.guests.addGuests({ path: { voucher_program_id }, body: { guests } });
    expect(added.guests).toEqual(guests);
    const listed = await client.guests.getGuests({ path: { voucher_program_id } });
    expect(listed.guests.map((guest) => guest.email ?? guest.phone)).toEqual(['ana@example.com', '+14155550123', 'bo@example.com']);
    const { codes } = await client.codes.getVoucherCodes({ path: { voucher_program_id } });
    expect(listed.guests.map((guest) => guest.code)).toEqual(codes.slice(0, 3).map((code) => ({ code_id: code.code_id, code_text: code.code_text })));
    // Nobody has redeemed a code yet, so no guest holds a voucher.
    expect(listed.guests.map((guest) => guest.voucher)).toEqual([null, null, null]);
  });

  test('more codes: generate queues them, 409 until made, a single-code program refuses', async () => {
    const client = clientFor(sandbox);
    const { voucher_program_id } = await client.programs.createVoucherProgram({ body: multiCodeProgram(sandbox, 10) });
    sandbox.clock.advance(1_010);
    expect((await client.codes.getVoucherCodes({ path: { voucher_program_id } })).codes).toHaveLength(10);
    await client.codes.generateVoucherCodes({ path: { voucher_program_id }, body: { number_of_codes: 500 } });
    expect(await refusal(client.codes.getVoucherCodes({ path: { voucher_program_id } }))).toEqual({ status: 409, code: 'code_generation_in_progress' });
    sandbox.clock.advance(1_500);
    expect((await client.codes.getVoucherCodes({ path: { voucher_program_id } })).total_number_of_codes).toBe(510);

    const single = await client.programs.createVoucherProgram({ body: singleCodeProgram(sandbox, 5) });
    expect(single.code_text).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(await refusal(client.codes.generateVoucherCodes({ path: { voucher_program_id: single.voucher_program_id }, body: { number_of_codes: 1 } }))).toEqual({ status: 400, code: 'invalid_request' });
  });
});

describe('updates follow the program state', () => {
  test('UPCOMING: the dates move; ACTIVE: ends_at only later, starts_at refused; CANCELED: nothing', async () => {
    const client = clientFor(sandbox);
    const body = multiCodeProgram(sandbox, 5, { startsInMs: 2 * hourMs });
    const { voucher_program_id } = await client.programs.createVoucherProgram({ body });
    const path = { voucher_program_id };
    await client.programs.updateVoucherProgram({ path, body: { starts_at: body.starts_at + hourMs, vehicle_category_types: ['UberX'] } });
    let program = await client.programs.getVoucherProgram({ path });
    expect(program.status).toBe('UPCOMING');
    expect(program.starts_at).toBe(body.starts_at + hourMs);
    expect(program.vehicle_category_types).toEqual(['UberX']);

    sandbox.clock.advance(3 * hourMs);
    program = await client.programs.getVoucherProgram({ path });
    expect(program.status).toBe('ACTIVE');
    expect(await refusal(client.programs.updateVoucherProgram({ path, body: { starts_at: sandbox.clock.now() + dayMs } }))).toEqual({ status: 400, code: 'invalid_request' });
    expect(await refusal(client.programs.updateVoucherProgram({ path, body: { ends_at: program.ends_at - 1 } }))).toEqual({ status: 400, code: 'invalid_request' });
    await client.programs.updateVoucherProgram({ path, body: { ends_at: program.ends_at + dayMs, value_per_trip_max_amount: 30 } });
    program = await client.programs.getVoucherProgram({ path });
    expect(program.ends_at).toBe(body.ends_at + dayMs);
    expect(program.value_per_trip_max_amount).toBe(30);

    await client.programs.cancelVoucherProgram({ path, body: {} });
    expect((await client.programs.getVoucherProgram({ path })).status).toBe('CANCELED');
    expect(await refusal(client.programs.updateVoucherProgram({ path, body: { value_per_trip_max_amount: 35 } }))).toEqual({ status: 400, code: 'invalid_request' });
    expect(await refusal(client.programs.cancelVoucherProgram({ path, body: {} }))).toEqual({ status: 400, code: 'invalid_request' });
  });

  test('a completed program cannot be canceled; an unknown one is 404', async () => {
    const client = clientFor(sandbox);
    const { voucher_program_id } = await client.programs.createVoucherProgram({ body: singleCodeProgram(sandbox, 2, { startsInMs: 0, lastsMs: hourMs }) });
    sandbox.clock.advance(hourMs);
    expect((await client.programs.getVoucherProgram({ path: { voucher_program_id } })).status).toBe('COMPLETE');
    expect(await refusal(client.programs.cancelVoucherProgram({ path: { voucher_program_id }, body: {} }))).toEqual({ status: 400, code: 'invalid_request' });
    expect(await refusal(client.programs.getVoucherProgram({ path: { voucher_program_id: 'no-such-program' } }))).toEqual({ status: 404, code: 'resource_not_found' });
  });
});

describe('cancel codes', () => {
  test('claimed codes are reported, the others canceled', async () => {
    const client = clientFor(sandbox);
    const { voucher_program_id } = await client.programs.createVoucherProgram({ body: multiCodeProgram(sandbox, 4) });
    const path = { voucher_program_id };
    sandbox.clock.advance(1_004);
    await client.guests.addGuests({ path, body: { guests: [{ email: 'ana@example.com' }] } });
    const { codes } = await client.codes.getVoucherCodes({ path });
    const ids = codes.map((code) => code.code_id);
    const answer = await client.codes.cancelVoucherCodes({ path, body: { codes: ids.slice(0, 2) } });
    expect(answer?.cancelCodeFailures).toEqual([{ code_uuid: ids[0], reason: 'code already claimed' }]);
    // With nothing to report the answer carries no list, as in Uber's documented success.
    expect(await client.codes.cancelVoucherCodes({ path, body: { codes: [ids[3]!] } })).toEqual({});
    const after = await client.codes.getVoucherCodes({ path });
    expect(after.codes.map((code) => code.canceled_at === undefined)).toEqual([true, false, true, false]);
  });
});

describe('search', () => {
  test('client.paginate over 250 programs yields every program once, in creation order', async () => {
    const organizationId = 'a6f0b9d2-0000-4000-8000-000000000250';
    const client = clientFor(sandbox, { organizationId });
    const created: string[] = [];
    for (let i = 0; i < 250; i++) {
      const { voucher_program_id } = await client.programs.createVoucherProgram({ body: singleCodeProgram(sandbox, 1, { name: `Program ${i}` }) });
      created.push(voucher_program_id);
    }
    const seen: string[] = [];
    for await (const program of client.paginate('searchVoucherPrograms', { body: { limit: 40, offset: 0 } })) seen.push(program.voucher_program_id);
    expect(seen).toEqual(created);
    // A status filter pages the same way.
    sandbox.clock.advance(hourMs);
    const active: string[] = [];
    for await (const program of client.paginate('searchVoucherPrograms', { body: { limit: 7, offset: 0, program_status: 'ACTIVE' } })) active.push(program.voucher_program_id);
    expect(active).toEqual(created);
  });
});

describe('concurrency', () => {
  test('50 concurrent generate calls never pass the cap, and the answers agree with the final state', async () => {
    const capped = await testSandbox({ maxCodesPerProgram: 10_000, codeGeneration: { baseMs: 10, perCodeMs: 0 } });
    try {
      const client = clientFor(capped);
      const { voucher_program_id } = await client.programs.createVoucherProgram({ body: multiCodeProgram(capped, 1_000) });
      const path = { voucher_program_id };
      const outcomes = await Promise.all(
        Array.from({ length: 50 }, () =>
          client.codes.generateVoucherCodes({ path, body: { number_of_codes: 700 } }).then(
            () => 'accepted' as const,
            (error: unknown) => ((error as ApiError).code === 'invalid_request' ? ('refused' as const) : Promise.reject(error)),
          ),
        ),
      );
      const accepted = outcomes.filter((outcome) => outcome === 'accepted').length;
      // 9,000 codes fit beside the first 1,000: twelve calls of 700, and no more.
      expect(accepted).toBe(12);
      capped.clock.advance(60_000);
      const codes = await client.codes.getVoucherCodes({ path });
      expect(codes.total_number_of_codes).toBe(1_000 + accepted * 700);
      expect(codes.total_number_of_codes).toBeLessThanOrEqual(10_000);
      expectNoViolations(capped);
    } finally {
      await capped.stop();
    }
  });
});
