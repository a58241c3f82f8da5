import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { IHttpOperation } from '@stoplight/types';
import { createFaultPlan, type FaultPlan } from './faultPlan.js';
import { checkedFaultPlanState, type FaultPlanState } from './faultPlanState.js';
import { FaultRuleError, type FaultRuleInput } from './faultRule.js';
import { SandboxStateError } from '../stateFile.js';
import { createRateLimitWindow } from './rateLimitWindow.js';
import { withFaults } from './withFaults.js';

type Handler = (request: IncomingMessage, reply: ServerResponse) => void;

export interface SandboxFaults {
  plan: FaultPlan;
  /** Wraps the API's handler: rate-limit headers on every answer, then the plan's fault if any. */
  wrap(handler: Handler): Handler;
}

/** The fault plan and rate-limit window of one sandbox; latency and X-Rate-Limit-* are on the wall clock (see README). */
export function createSandboxFaults(options: {
  /** The seeded numbers for rate rules, from the n-th draw on (a restored plan carries on where it was saved). */
  random: (fromDraw: number) => () => number;
  operations: IHttpOperation[];
  rules?: readonly FaultRuleInput[] | undefined;
  /** The plan's part of a state file (`plan.snapshot()`), if one was loaded. */
  state?: unknown;
  isOwnPath: (path: string) => boolean;
  wallTime?: () => number;
}): SandboxFaults {
  const wallTime = options.wallTime ?? Date.now;
  const operationIds = options.operations.flatMap((operation) => (operation.iid ? [operation.iid] : []));
  let state: FaultPlanState | undefined;
  try {
    state = options.state === undefined ? undefined : checkedFaultPlanState(options.state, new Set(operationIds));
  } catch (error) {
    if (error instanceof FaultRuleError) throw new SandboxStateError(`the saved fault rules cannot be used: ${error.message}`);
    throw error;
  }
  const plan = createFaultPlan({
    random: options.random(state?.rate_draws ?? 0),
    operationIds,
    ...(options.rules ? { rules: options.rules } : {}),
    ...(state ? { state } : {}),
  });
  const rateLimit = createRateLimitWindow({ now: wallTime });
  return {
    plan,
    wrap: (handler) => withFaults(handler, { plan, rateLimit, operations: options.operations, now: wallTime, sleep, isOwnPath: options.isOwnPath }),
  };
}
