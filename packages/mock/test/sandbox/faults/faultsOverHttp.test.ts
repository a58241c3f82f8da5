import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, ConnectionError, TimeoutError, VoucherProgramsClient } from '@voucher-programs/client';
import { startMock, type RunningMock } from '../../../src/index.js';
import { createFaultPlan, createRateLimitWindow, type FaultPlan } from '../../../src/sandbox/faults/index.js';
import { openApiDocument } from '../../support/spec.js';
import { manualClock, seededRandom, type ManualClock } from '../webhooks/support/manualClock.js';
import { schemaProblems } from '../webhooks/support/specSchema.js';
import { startFaultLayer, type FaultLayer } from './support/faultLayer.js';

const operationIds = Object.values(openApiDocument.paths).flatMap((methods) => Object.values(methods).map((operation) => operation.operationId));
const organizationId = '7b3f7c4e-2a5d-4b8e-9f61-0c1d2e3f4a5b';
const voucherProgramId = '5f0c2a51-8e3b-4d7a-b1c9-2e4f6a8b0c1d';
const newProgram = {
  name: 'Late shift rides',
  currency_code: 'USD',
  code_scheme: 'MULTI_CODE_SINGLE_REDEEM',
  number_of_codes: 5,
  voucher_type: 'PERSONAL_TRANSPORT',
  value_per_trip_max_amount: 20,
  starts_at: Date.UTC(2027, 1, 1),
  ends_at: Date.UTC(2027, 2, 1),
} as const;

let mock: RunningMock;
let layer: FaultLayer;
let plan: FaultPlan;
let clock: ManualClock;

beforeAll(async () => {
  mock = await startMock();
});
afterAll(async () => {
  await mock.stop();
});
beforeEach(async (context) => {
  // Rate-limit headers are wall-clock time: the client compares X-Rate-Limit-Reset with its own clock,
  // and waits for it on a 5xx too, so short windows keep these tests quick.
  clock = manualClock(Date.now());
  plan = createFaultPlan({ random: seededRandom(5), operationIds });
  layer = await startFaultLayer(mock.url, plan, createRateLimitWindow({ now: clock.now, windowMs: 1_000 }), clock.now);
  context.onTestFinished(() => layer.close());
});

function client(options: Partial<ConstructorParameters<typeof VoucherProgramsClient>[0]> = {}): VoucherProgramsClient {
  return new VoucherProgramsClient({
    baseUrl: layer.url,
    organizationId,
    auth: { type: 'token', token: 'test' },
    retry: { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
}

const outcomes = (operationId: string) => layer.calls.filter((call) => call.operationId === operationId).map((call) => call.outcome);

describe('faults through the real client and the real mock', () => {
  it('puts X-Rate-Limit-* on every answer, counting down per credential within the window', async () => {
    const path = `${layer.url}/v1/organizations/${organizationId}/voucher-programs/${voucherProgramId}`;
    const answers = [];
    for (let call = 0; call < 3; call += 1) answers.push(await fetch(path, { headers: { authorization: 'Bearer test' } }));
    answers.push(await fetch(path)); // an error answer (401) carries them too, counted apart: no credential
    const reset = String(Math.floor(clock.now() / 1000) + 1);
    expect(answers.map((answer) => [answer.status, answer.headers.get('x-rate-limit-limit'), answer.headers.get('x-rate-limit-remaining'), answer.headers.get('x-rate-limit-reset')])).toEqual([
      [200, '500', '499', reset],
      [200, '500', '498', reset],
      [200, '500', '497', reset],
      [401, '500', '499', reset],
    ]);
    clock.advance(1_000);
    const next = await fetch(path, { headers: { authorization: 'Bearer test' } });
    expect(next.headers.get('x-rate-limit-remaining')).toBe('499');
    await Promise.all([...answers, next].map((answer) => answer.arrayBuffer()));

    plan.add({ fault: 'rate_limited', retry_after_seconds: 2 });
    const limited = await fetch(path, { headers: { authorization: 'Bearer test' } });
    expect(limited.status).toBe(429);
    expect([limited.headers.get('retry-after'), limited.headers.get('x-rate-limit-remaining'), limited.headers.get('x-rate-limit-reset')]).toEqual([
      '2',
      '0',
      String(Math.ceil(clock.now() / 1000) + 2),
    ]);
    expect(await limited.json()).toMatchObject({ code: 'rate_limited' });
  });

  it('429: the client waits the Retry-After it is given, then succeeds', async () => {
    plan.add({ fault: 'rate_limited', operation_id: 'getVoucherProgram', retry_after_seconds: 1 });
    const program = await client().programs.getVoucherProgram({ path: { voucher_program_id: voucherProgramId } });
    expect(program.name).toEqual(expect.any(String));
    expect(outcomes('getVoucherProgram')).toEqual([429, 200]);
    const [limited, retried] = layer.calls;
    // The client honoured the second; timers may fire a hair early, hence the 10 ms of slack.
    expect(retried!.arrivedAt - limited!.arrivedAt).toBeGreaterThanOrEqual(990);
  });

  it('429 and 5xx: retried for an idempotent operation, not for one that is not', async () => {
    plan.add({ fault: 'internal_server_error', operation_id: 'getVoucherProgram' });
    plan.add({ fault: 'service_unavailable', operation_id: 'getVoucherProgram' });
    await client().programs.getVoucherProgram({ path: { voucher_program_id: voucherProgramId } });
    expect(outcomes('getVoucherProgram')).toEqual([500, 503, 200]);

    plan.add({ fault: 'internal_server_error', operation_id: 'createVoucherProgram' });
    const refused = await client().programs.createVoucherProgram({ body: newProgram }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 500, code: 'internal_server_error' });
    expect(schemaProblems('/components/schemas/Error', (refused as ApiError).body)).toEqual([]);
    expect(outcomes('createVoucherProgram')).toEqual([500]);
  });

  it('a dropped connection: a ConnectionError, retried only for an idempotent operation', async () => {
    plan.add({ fault: 'drop_connection', operation_id: 'getVoucherProgram' });
    await client().programs.getVoucherProgram({ path: { voucher_program_id: voucherProgramId } });
    expect(outcomes('getVoucherProgram')).toEqual(['dropped', 200]);

    plan.add({ fault: 'drop_connection', operation_id: 'createVoucherProgram' });
    await expect(client().programs.createVoucherProgram({ body: newProgram })).rejects.toBeInstanceOf(ConnectionError);
    expect(outcomes('createVoucherProgram')).toEqual(['dropped']);
  });

  it('latency: a client with a shorter timeout gives up on the slow answer', async () => {
    plan.add({ fault: 'latency', operation_id: 'getVoucherProgram', latency_ms: 400 });
    await expect(client({ timeoutMs: 100, retry: false }).programs.getVoucherProgram({ path: { voucher_program_id: voucherProgramId } })).rejects.toBeInstanceOf(TimeoutError);
    plan.add({ fault: 'latency', operation_id: 'getVoucherProgram', latency_ms: 50 });
    const program = await client({ timeoutMs: 5_000 }).programs.getVoucherProgram({ path: { voucher_program_id: voucherProgramId } });
    expect(program.name).toEqual(expect.any(String));
  });

  it('a seeded rate rule for every operation hits some calls, and the client retries through them', async () => {
    plan.add({ fault: 'internal_server_error', rate: 0.3 });
    const api = client({ retry: { maxRetries: 10, initialDelayMs: 1, maxDelayMs: 2 } });
    for (let call = 0; call < 10; call += 1) await api.programs.getVoucherProgram({ path: { voucher_program_id: voucherProgramId } });
    const statuses = outcomes('getVoucherProgram');
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.filter((status) => status === 500).length).toBeGreaterThan(0);
  });
});
