export { createWebhookOutbox, type RetryNowSummary, type WebhookOutbox, type WebhookOutboxOptions } from './webhookOutbox.js';
export type { DeliveryAttempt, DeliveryState, WebhookDelivery, WebhookEventToDeliver, WebhookOutboxState } from './delivery.js';
export { WebhookOutboxStateError } from './outboxState.js';
export { attemptOffsetsMs, uberRetrySchedule, type RetrySchedule } from './retrySchedule.js';
export type { RandomSource, SchedulingClock } from './schedulingClock.js';
