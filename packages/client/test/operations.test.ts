import { readFileSync } from 'node:fs';
import { loadOpenApiDocument } from '@voucher-programs/spec';
import { clientOperations, operationTable } from '@voucher-programs/spec/operations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrls, clientVersion, VoucherProgramsClient } from '../src/index.js';
import { json, startFakeApi, type FakeApi } from './fake-api.js';

const spec = loadOpenApiDocument();
const specOperations = Object.entries<Record<string, any>>(spec.paths).flatMap(([path, item]) =>
  Object.entries<any>(item)
    .filter(([method]) => ['get', 'put', 'post', 'delete', 'patch'].includes(method))
    .map(([method, op]) => ({ path, method, op })),
);

let api: FakeApi;
let client: VoucherProgramsClient;
beforeAll(async () => {
  api = await startFakeApi();
  client = new VoucherProgramsClient({
    baseUrl: api.url,
    organizationId: 'org-1',
    auth: { type: 'token', token: 'org-token' },
    userAuth: { type: 'token', token: 'rider-token' },
    acceptLanguage: 'en_US',
    userAgent: 'partner-app/2.0',
  });
});
afterAll(() => api.close());

describe('every operation of the spec', () => {
  it('finds operations in the spec at all', () => {
    expect(specOperations.length).toBeGreaterThanOrEqual(18);
  });

  it.each(specOperations.map((entry) => [entry.op.operationId, entry] as const))('%s is a named method that sends its method and path', async (operationId, { path, method, op }) => {
    const group = (client as unknown as Record<string, Record<string, (init: object) => Promise<unknown>>>)[op.tags[0]];
    expect(typeof group?.[operationId]).toBe('function');
    const pathParams = Object.fromEntries(
      [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name!).filter((name) => name !== 'organization_id').map((name) => [name, `id-${name}`]),
    );
    const before = api.requests.length;
    await group![operationId]!({ path: pathParams, ...(op.requestBody ? { body: {} } : {}) });
    const sent = api.requests.slice(before);
    expect(sent).toHaveLength(1);
    const expectedPath = path.replace('{organization_id}', 'org-1').replace(/\{(\w+)\}/g, (_: string, name: string) => `id-${name}`);
    expect(sent[0]!.method).toBe(method.toUpperCase());
    expect(sent[0]!.url).toBe(expectedPath);
    const riderScoped = JSON.stringify(op.security ?? spec.security).includes('vouchers.redeem');
    expect(sent[0]!.headers.authorization).toBe(riderScoped ? 'Bearer rider-token' : 'Bearer org-token');
    expect(sent[0]!.headers['accept-language']).toBe('en_US');
    expect(sent[0]!.headers['user-agent']).toBe(`partner-app/2.0 voucher-programs-client/${clientVersion}`);
  });
});

describe('the client', () => {
  it('reads from a run-time table that says what the full operation table says', () => {
    expect(Object.keys(clientOperations)).toEqual(Object.keys(operationTable));
    for (const [id, full] of Object.entries(operationTable)) {
      const { method, path, tag, idempotent = false, pagination = null, servers = null } = clientOperations[id as keyof typeof clientOperations];
      expect({ method, path, tag, idempotent, pagination, servers }, id).toEqual({ method: full.method, path: full.path, tag: full.tag, idempotent: full.idempotent, pagination: full.pagination, servers: full.servers });
    }
  });

  it('refuses a sandbox-only call aimed at production before sending anything, and sends it to the sandbox or a local URL', async () => {
    const sent: string[] = [];
    const fetch = async (request: Request) => (sent.push(request.url), Response.json({ run_id: 'r', trip_id: 't' }));
    const trip = { body: { voucher_program_id: 'p', rider_email: 'rider@example.com' } } as never;
    const production = new VoucherProgramsClient({ baseUrl: baseUrls.production, auth: { type: 'token', token: 't' }, fetch });
    await expect(production.sandbox.createSandboxTripRun(trip)).rejects.toThrow(`createSandboxTripRun is served only by ${baseUrls.sandbox}, not ${baseUrls.production}`);
    expect(sent).toEqual([]);
    for (const baseUrl of [baseUrls.sandbox, api.url]) {
      await new VoucherProgramsClient({ baseUrl, auth: { type: 'token', token: 't' }, fetch }).sandbox.createSandboxTripRun(trip);
    }
    expect(sent).toEqual([`${baseUrls.sandbox}/v1/sandbox/terminal-state-trip-run`, `${api.url}/v1/sandbox/terminal-state-trip-run`]);
  });

  it('lets one call override the organization id', async () => {
    await client.programs.getVoucherProgram({ path: { organization_id: 'org-2', voucher_program_id: 'p1' }, query: { include_guests: true } });
    expect(api.requests.at(-1)!.url).toBe('/v1/organizations/org-2/voucher-programs/p1?include_guests=true');
  });

  it('refuses an organization call when no organization id is known, before sending anything', async () => {
    const bare = new VoucherProgramsClient({ baseUrl: api.url });
    const before = api.requests.length;
    await expect(bare.codes.getVoucherCodes({ path: { voucher_program_id: 'p' } })).rejects.toThrow(/needs an organization id/);
    expect(api.requests.length).toBe(before);
  });

  it('passes per-call headers such as Prism’s Prefer', async () => {
    await client.templates.listVoucherProgramTemplates({ headers: { Prefer: 'code=404, example=resource_not_found' }, query: { limit: 5 } });
    const sent = api.requests.at(-1)!;
    expect(sent.headers.prefer).toBe('code=404, example=resource_not_found');
    expect(sent.url).toBe('/v1/organizations/org-1/voucher-program-templates?limit=5');
  });

  it('keeps openapi-fetch’s { data, error } on raw calls, with the same auth', async () => {
    api.handle((request, response) =>
      request.url.endsWith('/missing') ? json(response, 404, { code: 'resource_not_found', message: 'Voucher program is not found' }) : json(response, 200, { voucher_program_id: 'p1', name: 'Night rides' }),
    );
    const found = await client.GET('/v1/organizations/{organization_id}/voucher-programs/{voucher_program_id}', {
      params: { path: { organization_id: 'org-1', voucher_program_id: 'p1' } },
    });
    expect(found.data).toMatchObject({ voucher_program_id: 'p1' });
    expect(api.requests.at(-1)!.headers.authorization).toBe('Bearer org-token');
    const missing = await client.GET('/v1/organizations/{organization_id}/voucher-programs/{voucher_program_id}', {
      params: { path: { organization_id: 'org-1', voucher_program_id: 'missing' } },
    });
    expect(missing.data).toBeUndefined();
    expect(missing.error).toEqual({ code: 'resource_not_found', message: 'Voucher program is not found' });
    expect(missing.response.status).toBe(404);
  });

  it('rejects a base URL that is not a URL, and bad timeouts', () => {
    expect(() => new VoucherProgramsClient({ baseUrl: 'api.uber.com' })).toThrow(/baseUrl is not an absolute URL/);
    expect(() => new VoucherProgramsClient({ baseUrl: api.url, timeoutMs: -1 })).toThrow(/timeoutMs must be a positive/);
  });

  it('knows the spec’s servers and its own version', () => {
    expect(spec.servers.map((server: { url: string }) => server.url)).toEqual([baseUrls.production, baseUrls.sandbox]);
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(clientVersion).toBe(manifest.version);
  });

  it('reads 30,000 codes in one answer', async () => {
    const codes = Array.from({ length: 30_000 }, (_, i) => ({
      code_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      code_text: `CODE${i}`,
      redemption_link: `https://r.uber.com/v/CODE${i}`,
      max_num_redemptions: 1,
    }));
    api.handle((_, response) => json(response, 200, { total_number_of_codes: codes.length, codes }));
    const answer = await client.codes.getVoucherCodes({ path: { voucher_program_id: 'big' } });
    expect(answer.codes).toHaveLength(30_000);
    expect(answer.codes!.at(-1)!.code_text).toBe('CODE29999');
  });
});
