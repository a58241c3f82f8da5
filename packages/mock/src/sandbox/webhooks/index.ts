export { createWebhookOutbox, type RetryNowSummary, type WebhookOutbox, type WebhookOutboxOptions } from './webhookOutbox.js';
export type { DeliveryAttempt, DeliveryState, WebhookDelivery, WebhookEventToDeliver, WebhookOutboxState } from './delivery.js';
export { WebhookOutboxStateError } from './outboxState.js';
export { attemptOffsetsMs, uberRetrySchedule, type RetrySchedule } from './retrySchedule.js';
export type { RandomSource, SchedulingClock } from './schedulingClock.js';
export { createSandboxWebhooks, type SandboxWebhooks, type SandboxWebhooksOptions, type SandboxWebhooksState } from './sandboxWebhooks.js';
export { schedulingClock, type ObservableClock, type WallTimers } from './clockScheduling.js';
export {
  distributionStatus,
  guestReachable,
  nextProgramCrossing,
  programCrossings,
  type DistributionStatus,
  type ProgramCrossing,
  type ProgramTimes,
} from './programEvents.js';
export { allProgramTimes, distributedGuests, programTimes, raiseCallEvents, type AnsweredCall, type ProgramView, type StateView } from './engineEvents.js';
export { seededNumbers } from './seededNumbers.js';
export type { SandboxWebhookOptions } from './sandboxWebhookOptions.js';
export { webhookControlHandlers } from './webhookControl.js';
export { describeAttempt } from './describeAttempt.js';
export { webhookFlags, webhookOptionsFrom, type WebhookCliOptions, type WebhookFlagValues } from './webhookFlags.js';
