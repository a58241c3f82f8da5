import type { components } from '@voucher-programs/spec/sandbox-control';
import type { EngineAnswer } from '../engine.js';
import type { ValidatedRequest } from '../engineMock.js';
import type { FaultPlan } from './faultPlan.js';
import { FaultRuleError } from './faultRule.js';

type Schemas = components['schemas'];

/** The control API's fault operations (spec-sandbox/openapi.yaml, tag `faults`). */
export const faultControlHandlers = {
  listSandboxFaults: (target: { faults: FaultPlan }): EngineAnswer => ({ status: 200, body: { faults: target.faults.rules() } satisfies Schemas['FaultRuleList'] }),
  addSandboxFault: (target: { faults: FaultPlan }, request: ValidatedRequest): EngineAnswer => {
    try {
      return { status: 201, body: target.faults.add(request.body) satisfies Schemas['FaultRule'] };
    } catch (error) {
      // The schema catches shapes; the plan catches the rest (an unknown operation, count with rate, a field of another fault).
      if (error instanceof FaultRuleError) return { status: 400, body: { code: 'invalid_request', message: error.message } };
      throw error;
    }
  },
  clearSandboxFaults: (target: { faults: FaultPlan }): EngineAnswer => (target.faults.clear(), { status: 204 }),
};
