export type {
  UnknownWebhookEvent,
  VoucherProgramActivatedEvent,
  VoucherProgramCodeDistributedEvent,
  VoucherProgramCodeRedeemedEvent,
  VoucherProgramCompletedEvent,
  VoucherWebhookEvent,
  VoucherWebhookEventType,
  WebhookDelivery,
  WebhookEnvironment,
  WebhookEventEnvelope,
  WebhookEventMeta,
} from './events.js';
export { isVoucherWebhookEvent, voucherWebhookEventTypes } from './events.js';
export { WebhookError, type WebhookErrorCode } from './errors.js';
export { signWebhookBody, verifyWebhookSignature, type SigningKey, type SigningKeys } from './signature.js';
export { parseWebhookEvent } from './parseEvent.js';
export { verifyWebhook, type VerifyWebhookInput } from './verifyWebhook.js';
export { createMemoryEventStore, type MemoryEventStoreOptions, type WebhookEventStore } from './eventStore.js';
export { handleEventOnce, type HandleOnceOutcome } from './handleEventOnce.js';
export { type WebhookHandlerOptions } from './receiver.js';
export { createWebhookFetchHandler } from './fetchHandler.js';
export { createWebhookNodeHandler } from './nodeHandler.js';
export { exampleEvents } from './exampleEvents.js';
export { sendTestEvent, type SendTestEventOptions } from './sendTestEvent.js';
export { readAcknowledgement, type WebhookAcknowledgement } from './acknowledgement.js';
