import { checkFaultRule, type Fault, type FaultRule } from './faultRule.js';

export interface FaultPlanOptions {
  /** The sandbox's seeded source: with a seed, a rate rule hits the same calls on every run. */
  random: () => number;
  /** The spec's operationIds, so a rule naming an unknown operation is refused. */
  operationIds?: Iterable<string>;
  /** Rules to start with (the `faults` option of the sandbox). */
  rules?: readonly unknown[];
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
  /**
   * The fault for this call, if any, using it up: the first rule that names the operation (or
   * all) and hits. A count rule is gone once spent.
   */
  next(operationId: string | undefined): Fault | undefined;
}

export function createFaultPlan(options: FaultPlanOptions): FaultPlan {
  const operationIds = options.operationIds ? new Set(options.operationIds) : undefined;
  const rules: FaultRule[] = [];
  let lastRuleNumber = 0;

  function add(value: unknown): FaultRule {
    const input = checkFaultRule(value, operationIds);
    lastRuleNumber += 1;
    const rule: FaultRule = {
      rule_id: `fault-${lastRuleNumber}`,
      fault: input.fault,
      operation_id: input.operation_id ?? null,
      remaining: input.rate === undefined ? (input.count ?? 1) : null,
      rate: input.rate ?? null,
    };
    if (input.latency_ms !== undefined) rule.latency_ms = input.latency_ms;
    if (input.retry_after_seconds !== undefined) rule.retry_after_seconds = input.retry_after_seconds;
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
    next(operationId) {
      for (const [index, rule] of rules.entries()) {
        if (rule.operation_id !== null && rule.operation_id !== operationId) continue;
        if (rule.remaining !== null) {
          rule.remaining -= 1;
          if (rule.remaining === 0) rules.splice(index, 1);
        } else if (options.random() >= rule.rate!) {
          continue;
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
