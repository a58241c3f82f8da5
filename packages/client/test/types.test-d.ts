import { expectTypeOf, test } from 'vitest';
import type { components, operations } from '@voucher-programs/spec';
import { ApiError, VoucherProgramsClient, type ErrorCode } from '../src/index.js';

declare const client: VoucherProgramsClient;

test('named methods are typed from the spec', async () => {
  expectTypeOf(await client.codes.getVoucherCodes({ path: { voucher_program_id: 'p' }, query: { include_usage: true } })).toEqualTypeOf<
    components['schemas']['VoucherCodeList']
  >();
  expectTypeOf(await client.programs.cancelVoucherProgram({ path: { voucher_program_id: 'p' } })).toEqualTypeOf<undefined>();
  expectTypeOf(await client.redeem.redeemVoucherCode({ body: { code_text: 'X' }, accessToken: 't' })).toEqualTypeOf<
    components['schemas']['RedeemVoucherCodeResponse']
  >();
  // organization_id is optional (filled from the client) but the other path ids are required.
  // @ts-expect-error voucher_program_id is missing
  await client.codes.getVoucherCodes({ path: {} });
  // @ts-expect-error the body is required
  await client.codes.generateVoucherCodes({ path: { voucher_program_id: 'p' } });
  // @ts-expect-error unknown body field
  await client.codes.generateVoucherCodes({ path: { voucher_program_id: 'p' }, body: { number_of_codes: 1, colour: 'red' } });
  await client.templates.listVoucherProgramTemplates();
});

test('iterators yield the page item type', async () => {
  for await (const program of client.paginate('searchVoucherPrograms', { body: { limit: 10, offset: 0 } })) {
    expectTypeOf(program).toEqualTypeOf<components['schemas']['VoucherProgramSummary']>();
  }
  for await (const guest of client.paginate('getGuests', { path: { voucher_program_id: 'p' } })) {
    expectTypeOf(guest).toEqualTypeOf<components['schemas']['Guest']>();
  }
  // @ts-expect-error getVoucherCodes is not paged
  client.paginate('getVoucherCodes', { path: { voucher_program_id: 'p' } });
  // @ts-expect-error searching cannot answer 409 code_generation_in_progress
  client.waitForCodes('searchVoucherPrograms', { body: { limit: 1, offset: 0 } });
  await client.waitForCodes('addGuests', { path: { voucher_program_id: 'p' }, body: { guests: [{ email: 'a@example.com' }], send_notifications: true } });
});

test('error codes are the documented union and raw calls keep { data, error }', async () => {
  expectTypeOf<ApiError['code']>().toEqualTypeOf<ErrorCode | undefined>();
  const { data, error } = await client.GET('/v1/organizations/{organization_id}/voucher-programs/{voucher_program_id}', {
    params: { path: { organization_id: 'o', voucher_program_id: 'p' } },
  });
  expectTypeOf(data).toEqualTypeOf<components['schemas']['VoucherProgram'] | undefined>();
  expectTypeOf(error).toMatchTypeOf<components['schemas']['Error'] | undefined>();
});

test('no request body or success answer of the spec reads as unknown', () => {
  // openapi-typescript writes a top-level anyOf/oneOf beside `properties` as `{…} | unknown`, which
  // TypeScript collapses to `unknown`: every body would type-check and no field would be named.
  type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
  type UnknownBodies = {
    [K in keyof operations]: unknown extends Json<NonNullable<operations[K]['requestBody']>> ? K : never;
  }[keyof operations];
  type UnknownAnswers = {
    [K in keyof operations]: unknown extends Json<operations[K]['responses'][200 extends keyof operations[K]['responses'] ? 200 : never]> ? K : never;
  }[keyof operations];
  expectTypeOf<UnknownBodies>().toEqualTypeOf<never>();
  expectTypeOf<UnknownAnswers>().toEqualTypeOf<never>();
});
