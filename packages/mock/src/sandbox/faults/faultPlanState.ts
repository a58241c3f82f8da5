import { checkFaultRule, faultRuleFrom, FaultRuleError, type FaultRule } from './faultRule.js';

/**
 * What a state file keeps of the fault plan: the rules in force with what is left of each, the
 * last rule number (so a new rule never takes a spent rule's id) and how many rate draws were
 * made (so a seeded rate rule hits the same calls after a restart as without one). Versioned on
 * its own, as the webhooks' part is: a state file from before faults were saved has none.
 */
export interface FaultPlanState {
  version: 1;
  last_rule_number: number;
  rate_draws: number;
  rules: FaultRule[];
}

/** Checks a saved plan field by field; a rule is checked as `POST /__sandbox/faults` checks one. */
export function checkedFaultPlanState(value: unknown, operationIds?: ReadonlySet<string>): FaultPlanState {
  const state = value as Partial<FaultPlanState> | null;
  if (typeof state !== 'object' || state === null || state.version !== 1) throw new FaultRuleError('the faults have an unknown version (expected 1).');
  if (!isCount(state.last_rule_number)) throw new FaultRuleError('the faults have no last_rule_number.');
  if (!isCount(state.rate_draws)) throw new FaultRuleError('the faults have no rate_draws.');
  if (!Array.isArray(state.rules)) throw new FaultRuleError('the faults have no rules list.');
  const ids = new Set<string>();
  const rules = state.rules.map((value, index) => {
    try {
      return checkedRule(value, operationIds);
    } catch (error) {
      throw new FaultRuleError(`rules[${index}]: ${(error as Error).message}`);
    }
  });
  for (const [index, rule] of rules.entries()) {
    if (ids.has(rule.rule_id)) throw new FaultRuleError(`rules[${index}]: rule_id ${rule.rule_id} appears twice.`);
    ids.add(rule.rule_id);
    // A later rule number would be handed out again to a new rule.
    const number = /^fault-(\d+)$/.exec(rule.rule_id)?.[1];
    if (number !== undefined && Number(number) > state.last_rule_number) throw new FaultRuleError(`rules[${index}]: rule_id ${rule.rule_id} is past last_rule_number ${state.last_rule_number}.`);
  }
  return { version: 1, last_rule_number: state.last_rule_number, rate_draws: state.rate_draws, rules };
}

function checkedRule(value: unknown, operationIds?: ReadonlySet<string>): FaultRule {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FaultRuleError('A fault rule must be an object.');
  const { rule_id: ruleId, remaining, rate, ...rest } = value as Record<string, unknown>;
  if (typeof ruleId !== 'string' || ruleId === '') throw new FaultRuleError('rule_id must be a non-empty string.');
  if ((remaining === null) === (rate === null)) throw new FaultRuleError('a saved rule has remaining or rate, the other null.');
  // The rest is the rule as it was asked for, with what remains as its count.
  const input = checkFaultRule({ ...withoutNull(rest), ...(remaining === null ? { rate } : { count: remaining }) }, operationIds);
  return faultRuleFrom(ruleId, input);
}

function withoutNull(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null));
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}
