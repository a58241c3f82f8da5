import { ApiError, ConnectionError, VoucherProgramsClient } from '@voucher-programs/client';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../src/index.js';
import { schemaProblems } from '../webhooks/support/specSchema.js';
import { expectNoViolations, multiCodeProgram, organizationId } from '../support.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  // On a real port, so a dropped connection is a real closed socket.
  sandbox = await startSandbox({
    clock: 'manual',
    seed: 'sandbox-faults',
    strict: true,
    onViolation: () => {},
    faults: [{ fault: 'service_unavailable', operation_id: 'searchVoucherPrograms', count: 1 }],
  });
});
afterEach(() => {
  sandbox.faults.clear();
  expectNoViolations(sandbox);
});
afterAll(() => sandbox?.stop());

/** The real client over HTTP, counting what each attempt got: a status or a dropped connection. */
function countingClient(options: { retry?: false } = {}) {
  const outcomes: (number | 'dropped')[] = [];
  const client = new VoucherProgramsClient({
    baseUrl: sandbox.url,
    organizationId,
    auth: { type: 'clientCredentials', clientId: 'partner-app', clientSecret: 'partner-secret', tokenUrl: sandbox.tokenUrl },
    retry: options.retry ?? { maxRetries: 3, initialDelayMs: 1, maxDelayMs: 5 },
    fetch: async (request, init) => {
      const counted = request.url.startsWith(sandbox.tokenUrl) ? undefined : outcomes;
      try {
        const response = await fetch(request, init);
        counted?.push(response.status);
        return response;
      } catch (error) {
        counted?.push('dropped');
        throw error;
      }
    },
  });
  return { client, outcomes };
}

async function control(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const answer = await fetch(`${sandbox.url}/__sandbox/${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await answer.text();
  return { status: answer.status, body: text === '' ? undefined : JSON.parse(text) };
}

describe('faults in the sandbox', () => {
  test('a rule given at start hits its operation once; the client retries the idempotent call through it', async () => {
    const { client, outcomes } = countingClient();
    const { results } = await client.programs.searchVoucherPrograms({ body: { limit: 10, offset: 0 } });
    expect(results).toEqual([]);
    expect(outcomes).toEqual([503, 200]);
  });

  test('POST /__sandbox/faults: 429 with Retry-After honoured, then a 500 a create is not retried through', async () => {
    const added = await control('POST', 'faults', { fault: 'rate_limited', operation_id: 'getVoucherProgram', retry_after_seconds: 0 });
    expect(added).toEqual({ status: 201, body: { rule_id: expect.any(String), fault: 'rate_limited', operation_id: 'getVoucherProgram', remaining: 1, rate: null, retry_after_seconds: 0 } });
    await control('POST', 'faults', { fault: 'internal_server_error', operation_id: 'createVoucherProgram' });
    expect((await control('GET', 'faults')).body).toMatchObject({ faults: [{ fault: 'rate_limited' }, { fault: 'internal_server_error' }] });

    const { client, outcomes } = countingClient();
    const refused = await client.programs.createVoucherProgram({ body: multiCodeProgram(sandbox, 1) }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(500);
    expect(schemaProblems('/components/schemas/Error', (refused as ApiError).body)).toEqual([]);
    const { voucher_program_id } = await client.programs.createVoucherProgram({ body: multiCodeProgram(sandbox, 1) });
    await client.programs.getVoucherProgram({ path: { voucher_program_id } });
    expect(outcomes).toEqual([500, 200, 429, 200]);
    expect((await control('GET', 'faults')).body).toEqual({ faults: [] });
  });

  test('a dropped connection is a ConnectionError: retried for a get, not for a create, and the create left no program', async () => {
    sandbox.faults.add({ fault: 'drop_connection', operation_id: 'searchVoucherPrograms' });
    const { client, outcomes } = countingClient();
    const before = await client.programs.searchVoucherPrograms({ body: { limit: 50, offset: 0 } });
    expect(outcomes).toEqual(['dropped', 200]);

    sandbox.faults.add({ fault: 'drop_connection', operation_id: 'createVoucherProgram' });
    await expect(client.programs.createVoucherProgram({ body: multiCodeProgram(sandbox, 1, { name: 'Never made' }) })).rejects.toBeInstanceOf(ConnectionError);
    const after = await client.programs.searchVoucherPrograms({ body: { limit: 50, offset: 0 } });
    expect(after.results).toHaveLength(before.results.length);
  });

  test('through the in-process fetch a dropped connection is a ConnectionError too', async () => {
    sandbox.faults.add({ fault: 'drop_connection', operation_id: 'searchVoucherPrograms' });
    const client = new VoucherProgramsClient({ baseUrl: sandbox.url, fetch: sandbox.fetch, organizationId, auth: { type: 'token', token: 'unused' }, retry: false });
    await expect(client.programs.searchVoucherPrograms({ body: { limit: 1, offset: 0 } })).rejects.toBeInstanceOf(ConnectionError);
  });

  test('every API answer carries X-Rate-Limit-*; the control API does not', async () => {
    const { client } = countingClient();
    const { response } = await client.POST('/v1/organizations/{organization_id}/voucher-programs/search', { params: { path: { organization_id: organizationId } }, body: { limit: 1, offset: 0 } });
    expect(response.headers.get('x-rate-limit-limit')).toBe('500');
    expect(Number(response.headers.get('x-rate-limit-remaining'))).toBeLessThan(500);
    expect(Number(response.headers.get('x-rate-limit-reset'))).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
    const clock = await fetch(`${sandbox.url}/__sandbox/clock`);
    expect(clock.headers.get('x-rate-limit-limit')).toBeNull();
    await clock.arrayBuffer();
  });

  test('a bad rule is a 400 invalid_request that says why, and adds nothing', async () => {
    const unknownOperation = await control('POST', 'faults', { fault: 'rate_limited', operation_id: 'getVoucherProgramz' });
    expect(unknownOperation).toEqual({ status: 400, body: { code: 'invalid_request', message: 'The spec has no operation "getVoucherProgramz".' } });
    const both = await control('POST', 'faults', { fault: 'rate_limited', count: 2, rate: 0.5 });
    expect(both).toMatchObject({ status: 400, body: { code: 'invalid_request', message: 'Give count or rate, not both.' } });
    const badShape = await control('POST', 'faults', { fault: 'teapot' });
    expect(badShape).toMatchObject({ status: 400, body: { code: 'invalid_request' } });
    expect(sandbox.faults.rules()).toEqual([]);
    expect((await control('DELETE', 'faults')).status).toBe(204);
  });

  test('a bad rule at start fails the start with the same message', async () => {
    await expect(startSandbox({ listen: false, faults: [{ fault: 'latency' } as never] })).rejects.toThrow('A latency fault needs latency_ms');
  });
});
