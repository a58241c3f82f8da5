export { createFaultPlan, type FaultPlan, type FaultPlanOptions } from './faultPlan.js';
export { checkedFaultPlanState, type FaultPlanState } from './faultPlanState.js';
export { checkFaultRule, FaultRuleError, faultKinds, type Fault, type FaultKind, type FaultRule, type FaultRuleInput, type SandboxFaultOptions } from './faultRule.js';
export { faultAnswer, type FaultAnswer } from './faultAnswer.js';
export { applyFaultToNodeResponse, type ApplyFaultOptions, type FaultOutcome } from './applyFault.js';
export { createRateLimitWindow, type RateLimitHeaders, type RateLimitWindow, type RateLimitWindowOptions } from './rateLimitWindow.js';
export { withFaults, type WithFaultsOptions } from './withFaults.js';
export { createSandboxFaults, type SandboxFaults } from './sandboxFaults.js';
export { faultControlHandlers } from './faultControl.js';
