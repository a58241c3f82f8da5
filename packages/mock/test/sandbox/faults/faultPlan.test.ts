import { describe, expect, it } from 'vitest';
import { createFaultPlan, faultAnswer, FaultRuleError, type Fault } from '../../../src/sandbox/faults/index.js';
import { seededRandom } from '../webhooks/support/manualClock.js';
import { schemaProblems } from '../webhooks/support/specSchema.js';
import { openApiDocument } from '../../support/spec.js';

const operationIds = Object.values(openApiDocument.paths).flatMap((methods) => Object.values(methods).map((operation) => operation.operationId));

function plan(seed = 1) {
  return createFaultPlan({ random: seededRandom(seed), operationIds });
}

describe('fault plan', () => {
  it('hits the next N calls of the named operation, and only those', () => {
    const faults = plan();
    const rule = faults.add({ fault: 'internal_server_error', operation_id: 'getVoucherProgram', count: 2 });
    expect(rule).toMatchObject({ rule_id: 'fault-1', operation_id: 'getVoucherProgram', remaining: 2, rate: null });
    expect(faults.next('searchVoucherPrograms')).toBeUndefined();
    expect(faults.next('getVoucherProgram')).toEqual({ rule_id: 'fault-1', fault: 'internal_server_error' });
    expect(faults.rules()[0]!.remaining).toBe(1);
    expect(faults.next('getVoucherProgram')?.fault).toBe('internal_server_error');
    expect(faults.next('getVoucherProgram')).toBeUndefined();
    expect(faults.rules()).toEqual([]);
  });

  it('hits every operation when none is named, one call by default', () => {
    const faults = plan();
    faults.add({ fault: 'drop_connection' });
    expect(faults.next('createVoucherProgram')?.fault).toBe('drop_connection');
    expect(faults.next('createVoucherProgram')).toBeUndefined();
  });

  it('applies rules in the order added, the first hit winning', () => {
    const faults = plan();
    faults.add({ fault: 'latency', latency_ms: 5, operation_id: 'getVoucherCodes' });
    faults.add({ fault: 'rate_limited', count: 3 });
    expect(faults.next('getVoucherCodes')).toEqual({ rule_id: 'fault-1', fault: 'latency', latency_ms: 5 });
    expect(faults.next('getVoucherCodes')?.fault).toBe('rate_limited');
    expect(faults.size).toBe(1); // the latency rule is spent
    faults.clear();
    expect(faults.size).toBe(0);
    expect(faults.next('getVoucherCodes')).toBeUndefined();
  });

  it('hits calls at a seeded rate: the same calls for the same seed, about the share asked for', () => {
    const hits = (seed: number) => {
      const faults = plan(seed);
      faults.add({ fault: 'service_unavailable', rate: 0.25 });
      return Array.from({ length: 2_000 }, () => faults.next('getVoucherProgram') !== undefined);
    };
    const first = hits(42);
    expect(hits(42)).toEqual(first);
    expect(hits(43)).not.toEqual(first);
    const share = first.filter(Boolean).length / first.length;
    // 2,000 draws at p = 0.25: five standard deviations is ±0.048.
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.3);
  });

  it.each([
    [[], /must be an object/],
    [{}, /fault must be one of rate_limited, internal_server_error, service_unavailable, latency, drop_connection/],
    [{ fault: 'teapot' }, /fault must be one of/],
    [{ fault: 'rate_limited', operation_id: 'getVoucherProgramz' }, /no operation "getVoucherProgramz"/],
    [{ fault: 'rate_limited', count: 0 }, /count must be an integer ≥ 1/],
    [{ fault: 'rate_limited', count: 1.5 }, /count must be an integer/],
    [{ fault: 'rate_limited', rate: 0 }, /rate must be a number above 0 and at most 1/],
    [{ fault: 'rate_limited', rate: 1.1 }, /rate must be/],
    [{ fault: 'rate_limited', rate: 0.5, count: 2 }, /count or rate, not both/],
    [{ fault: 'latency' }, /needs latency_ms/],
    [{ fault: 'latency', latency_ms: 600_000 }, /from 1 to 120000/],
    [{ fault: 'internal_server_error', latency_ms: 10 }, /latency_ms belongs to the latency fault only/],
    [{ fault: 'drop_connection', retry_after_seconds: 1 }, /retry_after_seconds belongs to rate_limited and service_unavailable/],
    [{ fault: 'rate_limited', retry_after_seconds: -1 }, /retry_after_seconds must be an integer from 0/],
    [{ fault: 'rate_limited', operationId: 'getVoucherProgram' }, /Unknown field "operationId"/],
  ])('refuses the rule %j with a message that says why', (rule, message) => {
    const faults = plan();
    expect(() => faults.add(rule)).toThrow(FaultRuleError);
    expect(() => faults.add(rule)).toThrow(message);
    expect(faults.rules()).toEqual([]);
  });

  it('refuses a bad rule given at start', () => {
    expect(() => createFaultPlan({ random: seededRandom(1), rules: [{ fault: 'nope' }] })).toThrow(FaultRuleError);
  });
});

describe('fault answers', () => {
  const now = Date.UTC(2027, 0, 1, 12, 0, 0, 400);
  const fault = (kind: Fault['fault'], extra: Partial<Fault> = {}): Fault => ({ rule_id: 'fault-1', fault: kind, ...extra });

  it('answers 429 rate_limited with Retry-After and the X-Rate-Limit-* headers', () => {
    const answer = faultAnswer(fault('rate_limited', { retry_after_seconds: 3 }), now, 500)!;
    expect(answer.status).toBe(429);
    expect(answer.body.code).toBe('rate_limited');
    expect(answer.headers).toMatchObject({
      'Retry-After': '3',
      'X-Rate-Limit-Limit': '500',
      'X-Rate-Limit-Remaining': '0',
      'X-Rate-Limit-Reset': String(Math.ceil(now / 1000) + 3),
    });
    expect(faultAnswer(fault('rate_limited'), now)!.headers['Retry-After']).toBe('1');
  });

  it('answers 500 and 503 with internal_server_error, 503 with Retry-After only when asked', () => {
    expect(faultAnswer(fault('internal_server_error'), now)).toMatchObject({ status: 500, body: { code: 'internal_server_error' } });
    const unavailable = faultAnswer(fault('service_unavailable'), now)!;
    expect(unavailable).toMatchObject({ status: 503, body: { code: 'internal_server_error' } });
    expect(unavailable.headers['Retry-After']).toBeUndefined();
    expect(faultAnswer(fault('service_unavailable', { retry_after_seconds: 2 }), now)!.headers['Retry-After']).toBe('2');
  });

  it("puts every error fault in the spec's Error model, and the 429 in the spec's RateLimited answer", () => {
    for (const kind of ['rate_limited', 'internal_server_error', 'service_unavailable'] as const) {
      expect(schemaProblems('/components/schemas/Error', faultAnswer(fault(kind), now)!.body)).toEqual([]);
    }
    const rateLimited = openApiDocument.components.responses['RateLimited'] as { headers: Record<string, { $ref?: string }> };
    const answer = faultAnswer(fault('rate_limited'), now)!;
    expect(Object.keys(rateLimited.headers)).toHaveLength(3);
    for (const [name, header] of Object.entries(rateLimited.headers)) {
      const pointer = header.$ref ? header.$ref.slice(1) : `/components/responses/RateLimited/headers/${name}`;
      expect(answer.headers[name], name).toMatch(/^\d+$/);
      expect(schemaProblems(`${pointer}/schema`, Number(answer.headers[name])), name).toEqual([]);
    }
  });

  it('has no answer of its own for latency and a dropped connection', () => {
    expect(faultAnswer(fault('latency', { latency_ms: 10 }), now)).toBeUndefined();
    expect(faultAnswer(fault('drop_connection'), now)).toBeUndefined();
  });
});
