/**
 * What a fault does to a call:
 * - `rate_limited`: 429 `rate_limited` with `Retry-After` and the `X-Rate-Limit-*` headers;
 * - `internal_server_error`: 500 `internal_server_error`;
 * - `service_unavailable`: 503, an overloaded gateway (the spec's codes have none of its own, so
 *   the body says `internal_server_error`);
 * - `latency`: the call is answered as usual, `latency_ms` late in real time;
 * - `drop_connection`: the socket is destroyed before any answer.
 */
export const faultKinds = ['rate_limited', 'internal_server_error', 'service_unavailable', 'latency', 'drop_connection'] as const;
export type FaultKind = (typeof faultKinds)[number];

/**
 * A fault as a partner asks for it: the same JSON in `startSandbox({ faults })`, in the body of
 * `POST /__sandbox/faults` and in a state file, snake_case like the API's own fields.
 */
export interface FaultRuleInput {
  fault: FaultKind;
  /** The operation to hit; every operation when omitted. */
  operation_id?: string;
  /** Hit the next `count` matching calls (the default, with 1). */
  count?: number;
  /** Or hit each matching call with this probability, drawn from the sandbox's seeded source. */
  rate?: number;
  /** For `latency`: real milliseconds to wait before answering. */
  latency_ms?: number;
  /** For `rate_limited` (default 1) and `service_unavailable` (none by default): the `Retry-After` seconds. */
  retry_after_seconds?: number;
}

/** A fault rule in force. */
export interface FaultRule {
  rule_id: string;
  fault: FaultKind;
  /** null: every operation. */
  operation_id: string | null;
  /** Calls still to hit; null for a rate rule. */
  remaining: number | null;
  /** null for a count rule. */
  rate: number | null;
  latency_ms?: number;
  retry_after_seconds?: number;
}

/** What to do to one call. */
export interface Fault {
  rule_id: string;
  fault: FaultKind;
  latency_ms?: number;
  retry_after_seconds?: number;
}

/** A fault rule that cannot be used; the message says which field and why. */
export class FaultRuleError extends Error {
  override readonly name = 'FaultRuleError';
}

const maxLatencyMs = 120_000;
const maxRetryAfterSeconds = 3_600;
const knownFields = new Set(['fault', 'operation_id', 'count', 'rate', 'latency_ms', 'retry_after_seconds']);

/** Checks a rule from JSON, so a typo fails loudly instead of silently injecting nothing. */
export function checkFaultRule(value: unknown, operationIds?: ReadonlySet<string>): FaultRuleInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FaultRuleError('A fault rule must be an object.');
  const input = value as Record<string, unknown>;
  for (const field of Object.keys(input)) {
    if (!knownFields.has(field)) throw new FaultRuleError(`Unknown field ${JSON.stringify(field)}; a fault rule has ${[...knownFields].join(', ')}.`);
  }
  const fault = input['fault'];
  if (typeof fault !== 'string' || !(faultKinds as readonly string[]).includes(fault)) {
    throw new FaultRuleError(`fault must be one of ${faultKinds.join(', ')}.`);
  }
  const rule: FaultRuleInput = { fault: fault as FaultKind };
  const { operation_id: operationId, count, rate, latency_ms: latencyMs, retry_after_seconds: retryAfterSeconds } = input;
  if (operationId !== undefined) {
    if (typeof operationId !== 'string' || operationId === '') throw new FaultRuleError('operation_id must be a non-empty string.');
    if (operationIds && !operationIds.has(operationId)) throw new FaultRuleError(`The spec has no operation ${JSON.stringify(operationId)}.`);
    rule.operation_id = operationId;
  }
  if (count !== undefined && rate !== undefined) throw new FaultRuleError('Give count or rate, not both.');
  if (count !== undefined) {
    if (!Number.isSafeInteger(count) || (count as number) < 1) throw new FaultRuleError('count must be an integer ≥ 1.');
    rule.count = count as number;
  }
  if (rate !== undefined) {
    if (typeof rate !== 'number' || !(rate > 0 && rate <= 1)) throw new FaultRuleError('rate must be a number above 0 and at most 1.');
    rule.rate = rate;
  }
  if (fault === 'latency') {
    if (!Number.isSafeInteger(latencyMs) || (latencyMs as number) < 1 || (latencyMs as number) > maxLatencyMs) {
      throw new FaultRuleError(`A latency fault needs latency_ms, an integer from 1 to ${maxLatencyMs}.`);
    }
    rule.latency_ms = latencyMs as number;
  } else if (latencyMs !== undefined) {
    throw new FaultRuleError('latency_ms belongs to the latency fault only.');
  }
  if (retryAfterSeconds !== undefined) {
    if (fault !== 'rate_limited' && fault !== 'service_unavailable') throw new FaultRuleError('retry_after_seconds belongs to rate_limited and service_unavailable only.');
    if (!Number.isSafeInteger(retryAfterSeconds) || (retryAfterSeconds as number) < 0 || (retryAfterSeconds as number) > maxRetryAfterSeconds) {
      throw new FaultRuleError(`retry_after_seconds must be an integer from 0 to ${maxRetryAfterSeconds}.`);
    }
    rule.retry_after_seconds = retryAfterSeconds as number;
  }
  return rule;
}

/** The rule in force for a checked input: a count rule, or a rate rule when `rate` is given. */
export function faultRuleFrom(ruleId: string, input: FaultRuleInput): FaultRule {
  const rule: FaultRule = {
    rule_id: ruleId,
    fault: input.fault,
    operation_id: input.operation_id ?? null,
    remaining: input.rate === undefined ? (input.count ?? 1) : null,
    rate: input.rate ?? null,
  };
  if (input.latency_ms !== undefined) rule.latency_ms = input.latency_ms;
  if (input.retry_after_seconds !== undefined) rule.retry_after_seconds = input.retry_after_seconds;
  return rule;
}

/** The fault option of `startSandbox`. */
export interface SandboxFaultOptions {
  /**
   * Fault rules in force from the start (see `POST /__sandbox/faults` for the same JSON). Given with
   * a state file, they replace its saved rules; without them, the saved rules carry on.
   */
  faults?: readonly FaultRuleInput[];
}
