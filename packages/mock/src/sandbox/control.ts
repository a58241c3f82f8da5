import type { components, operations } from '@voucher-programs/spec/sandbox-control';
import type { SandboxClock } from './clock.js';
import type { EngineAnswer } from './engine.js';
import type { ValidatedRequest } from './engineMock.js';
import { faultControlHandlers, type FaultPlan } from './faults/index.js';
import { webhookControlHandlers, type WebhookOutbox } from './webhooks/index.js';

export type ControlOperationId = keyof operations;
type Schemas = components['schemas'];

export interface ControlTarget {
  clock: SandboxClock;
  reset(): void;
  webhooks: WebhookOutbox;
  faults: FaultPlan;
}

const reading = (clock: SandboxClock): Schemas['ClockReading'] => ({ now: clock.now(), mode: clock.mode });
const refusal = (message: string): EngineAnswer => ({ status: 400, body: { code: 'invalid_request', message } });

const handlers: Record<ControlOperationId, (target: ControlTarget, request: ValidatedRequest<ControlOperationId>) => EngineAnswer> = {
  getSandboxClock: (target) => ({ status: 200, body: reading(target.clock) }),
  advanceSandboxClock: (target, request) => {
    const { ms } = request.body as Schemas['ClockAdvance'];
    target.clock.advance(ms);
    return { status: 200, body: reading(target.clock) };
  },
  setSandboxClock: (target, request) => {
    const { now } = request.body as Schemas['ClockSet'];
    if (now < target.clock.now()) return refusal(`the clock cannot go back (now ${target.clock.now()}, asked ${now})`);
    target.clock.set(now);
    return { status: 200, body: reading(target.clock) };
  },
  resetSandbox: (target) => (target.reset(), { status: 204 }),
  ...webhookControlHandlers,
  ...faultControlHandlers,
};

export const isControlOperation = (id: string | undefined): id is ControlOperationId => id !== undefined && Object.hasOwn(handlers, id);

/** Runs one validated request of the control API (spec-sandbox/openapi.yaml). */
export function runControl(target: ControlTarget, request: ValidatedRequest<ControlOperationId>): EngineAnswer {
  return handlers[request.operationId](target, request);
}
