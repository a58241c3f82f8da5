import type { FaultPlanState } from './faultPlanState.js';
import { checkFaultRule, faultRuleFrom, type Fault, type FaultRule } from './faultRule.js';

export interface FaultPlanOptions {
  /** The sandbox's seeded source: with a seed, a rate rule hits the same calls on every run. */
  random: () => number;
  /** The spec's operationIds, so a rule naming an unknown operation is refused. */
  operationIds?: Iterable<string>;
  /** Rules to start with (the `faults` option of the sandbox); given, they replace the saved state's rules. */
  rules?: readonly unknown[];
  /**
   * A plan saved by `snapshot()` (checked with checkedFaultPlanState) to carry on from: its rules,
   * rule numbers and rate draws. `random` must then start at draw `rate_draws` of the same sequence.
   */
  state?: FaultPlanState;
}

export interface FaultPlan {
  /** Checks and adds a rule; throws FaultRuleError for a bad one. Rules apply in the order added. */
  add(rule: unknown): FaultRule;
  /** The rules in force, with what is left of each. */
  rules(): FaultRule[];
  /** Removes every rule. */
  clear(): void;
  /** How many rules are in force. */
  readonly size: number;
  /** What a state file keeps, to carry on after a restart. */
  snapshot(): FaultPlanState;
  /**
   * The fault for this call, if any, using it up: the first rule that names the operation (or
   * all) and hits. A count rule is gone once spent.
   */
  next(operationId: string | undefined): Fault | undefined;
}

export function createFaultPlan(options: FaultPlanOptions): FaultPlan {
  const operationIds = options.operationIds ? new Set(options.operationIds) : undefined;
  const saved = options.state;
  const rules: FaultRule[] = options.rules === undefined ? (saved?.rules.map((rule) => ({ ...rule })) ?? []) : [];
  let lastRuleNumber = saved?.last_rule_number ?? 0;
  let rateDraws = saved?.rate_draws ?? 0;

  function add(value: unknown): FaultRule {
    const input = checkFaultRule(value, operationIds);
    lastRuleNumber += 1;
    const rule = faultRuleFrom(`fault-${lastRuleNumber}`, input);
    rules.push(rule);
    return { ...rule };
  }

  for (const rule of options.rules ?? []) add(rule);

  return {
    add,
    rules: () => rules.map((rule) => ({ ...rule })),
    clear: () => void rules.splice(0),
    get size() {
      return rules.length;
    },
    snapshot: () => ({ version: 1, last_rule_number: lastRuleNumber, rate_draws: rateDraws, rules: rules.map((rule) => ({ ...rule })) }),
    next(operationId) {
      for (const [index, rule] of rules.entries()) {
        if (rule.operation_id !== null && rule.operation_id !== operationId) continue;
        if (rule.remaining !== null) {
          rule.remaining -= 1;
          if (rule.remaining === 0) rules.splice(index, 1);
        } else {
          rateDraws += 1;
          if (options.random() >= rule.rate!) continue;
        }
        const fault: Fault = { rule_id: rule.rule_id, fault: rule.fault };
        if (rule.latency_ms !== undefined) fault.latency_ms = rule.latency_ms;
        if (rule.retry_after_seconds !== undefined) fault.retry_after_seconds = rule.retry_after_seconds;
        return fault;
      }
      return undefined;
    },
  };
}
