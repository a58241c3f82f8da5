/**
 * Everything api-facts lists is in the bundle, counted against explicit lists written here: a
 * missing name fails with that name.
 */
import { describe, expect, it } from 'vitest';
import { isObject, listOperations, loadBundle, resolvePointer, type JsonObject } from './support/bundle.ts';

const bundle = loadBundle();
const operations = listOperations(bundle);
const calls = operations.filter((entry) => entry.section === 'paths');
const org = '/v1/organizations/{organization_id}';

const expectedOperations: Record<string, string> = {
  createVoucherProgram: `post ${org}/voucher-programs`,
  createVoucherProgramFromTemplate: `post ${org}/voucher-programs/create-from-template`,
  createIndividualVoucherProgram: `post ${org}/individual_voucher_program/create`,
  getVoucherProgram: `get ${org}/voucher-programs/{voucher_program_id}`,
  updateVoucherProgram: `patch ${org}/voucher-programs/{voucher_program_id}`,
  cancelVoucherProgram: `post ${org}/voucher-programs/{voucher_program_id}/cancel`,
  searchVoucherPrograms: `post ${org}/voucher-programs/search`,
  getVoucherCodes: `get ${org}/voucher-programs/{voucher_program_id}/codes`,
  generateVoucherCodes: `post ${org}/voucher-programs/{voucher_program_id}/codes/generate`,
  cancelVoucherCodes: `post ${org}/voucher-programs/{voucher_program_id}/codes/cancel`,
  distributeVoucherCodes: `post ${org}/voucher-programs/{voucher_program_id}/codes/distribute`,
  addGuests: `post ${org}/voucher-programs/{voucher_program_id}/add-guests`,
  getGuests: `get ${org}/voucher-programs/{voucher_program_id}/guests`,
  createVoucherProgramTemplate: `post ${org}/voucher-program-templates`,
  listVoucherProgramTemplates: `get ${org}/voucher-program-templates`,
  getVoucherProgramTemplate: `get ${org}/voucher-program-templates/{template_id}`,
  updateVoucherProgramTemplate: `patch ${org}/voucher-program-templates/{template_id}`,
  redeemVoucherCode: 'post /v1.2/me/vouchers/redeem',
  createSandboxTripRun: 'post /v1/sandbox/terminal-state-trip-run',
  getSandboxRun: 'get /v1/sandbox/run/{run_id}',
};
const expectedWebhooks = ['voucher_program_activated', 'voucher_program_completed', 'voucher_program_code_distributed', 'voucher_program_code_redeemed'];
const expectedScopes = ['organizations.voucher_programs', 'organizations.voucher_programs.delegated', 'organizations.voucher_programs.aggregator', 'vouchers.redeem'];
const expectedErrorCodes = [
  'invalid_request', 'redeem_count_exceeded', 'voucher_program_inactive', 'unauthorized', 'user_not_allowed',
  'resource_not_found', 'code_generation_in_progress', 'code_already_redeemed', 'rate_limited', 'internal_server_error',
];

describe('operations', () => {
  const byId = new Map(calls.map((entry) => [entry.operation.operationId as string, `${entry.method} ${entry.key}`]));

  it.each(Object.entries(expectedOperations))('%s is %s', (operationId, route) => {
    expect(byId.get(operationId), `operation ${operationId} is missing`).toBe(route);
  });

  it('there are exactly 20, and no others', () => {
    expect([...byId.keys()].sort()).toEqual(Object.keys(expectedOperations).sort());
    expect(calls).toHaveLength(20);
  });

  it('only createIndividualVoucherProgram is deprecated', () => {
    expect(calls.filter((entry) => entry.operation.deprecated === true).map((entry) => entry.operation.operationId)).toEqual(['createIndividualVoucherProgram']);
  });
});

describe('webhooks', () => {
  const names = operations.filter((entry) => entry.section === 'webhooks').map((entry) => entry.key);
  it.each(expectedWebhooks)('%s is described', (name) => {
    expect(names, `webhook ${name} is missing`).toContain(name);
  });
  it('there are exactly 4', () => expect(names.sort()).toEqual([...expectedWebhooks].sort()));
});

describe('OAuth scopes', () => {
  const flows = resolvePointer(bundle, '#/components/securitySchemes/OAuth2/flows') as JsonObject;
  const scopes = Object.values(flows).flatMap((flow) => (isObject(flow) && isObject(flow.scopes) ? Object.keys(flow.scopes) : []));
  it.each(expectedScopes)('%s is defined', (scope) => {
    expect(scopes, `scope ${scope} is missing`).toContain(scope);
  });
  it('there are exactly 4', () => expect([...new Set(scopes)].sort()).toEqual([...expectedScopes].sort()));

  it('redeem takes only vouchers.redeem; the deprecated call only the two application scopes', () => {
    const scopesOf = (id: string) => (calls.find((e) => e.operation.operationId === id)!.operation.security as JsonObject[]).flatMap((r) => r.OAuth2 as string[]);
    expect(scopesOf('redeemVoucherCode')).toEqual(['vouchers.redeem']);
    expect(scopesOf('createIndividualVoucherProgram').sort()).toEqual(['organizations.voucher_programs', 'organizations.voucher_programs.aggregator']);
    expect(scopesOf('getVoucherProgram').sort()).toEqual(expectedScopes.slice(0, 3).sort());
  });
});

describe('error codes', () => {
  const documented = (resolvePointer(bundle, '#/components/schemas/ErrorCode') as JsonObject).enum as string[];
  const exampleCodes = new Set(
    Object.values(resolvePointer(bundle, '#/components/examples') as JsonObject).map((example) => ((example as JsonObject).value as JsonObject).code as string),
  );
  it.each(expectedErrorCodes)('%s is documented and has an example', (code) => {
    expect(documented, `error code ${code} is not in ErrorCode`).toContain(code);
    expect([...exampleCodes], `error code ${code} has no example`).toContain(code);
  });
  it('there are exactly 10', () => expect([...documented].sort()).toEqual([...expectedErrorCodes].sort()));
});
