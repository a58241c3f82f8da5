import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { IHttpOperation } from '@stoplight/types';
import { createFaultPlan, type FaultPlan } from './faultPlan.js';
import type { FaultRuleInput } from './faultRule.js';
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
  random: () => number;
  operations: IHttpOperation[];
  rules?: readonly FaultRuleInput[] | undefined;
  isOwnPath: (path: string) => boolean;
  wallTime?: () => number;
}): SandboxFaults {
  const wallTime = options.wallTime ?? Date.now;
  const plan = createFaultPlan({
    random: options.random,
    operationIds: options.operations.flatMap((operation) => (operation.iid ? [operation.iid] : [])),
    ...(options.rules ? { rules: options.rules } : {}),
  });
  const rateLimit = createRateLimitWindow({ now: wallTime });
  return {
    plan,
    wrap: (handler) => withFaults(handler, { plan, rateLimit, operations: options.operations, now: wallTime, sleep, isOwnPath: options.isOwnPath }),
  };
}
