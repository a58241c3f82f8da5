import type { components } from '@voucher-programs/spec';

type Schemas = components['schemas'];

/** Fields every webhook carries, whatever its `event_type`. */
export type WebhookEventEnvelope = Schemas['WebhookEvent'];
export type WebhookEventMeta = Schemas['WebhookEventMeta'];

export type VoucherProgramActivatedEvent = Schemas['VoucherProgramActivatedEvent'];
export type VoucherProgramCompletedEvent = Schemas['VoucherProgramCompletedEvent'];
export type VoucherProgramCodeDistributedEvent = Schemas['VoucherProgramCodeDistributedEvent'];
export type VoucherProgramCodeRedeemedEvent = Schemas['VoucherProgramCodeRedeemedEvent'];

/** The four documented events, discriminated on `event_type`. */
export type VoucherWebhookEvent =
  | VoucherProgramActivatedEvent
  | VoucherProgramCompletedEvent
  | VoucherProgramCodeDistributedEvent
  | VoucherProgramCodeRedeemedEvent;

export type VoucherWebhookEventType = VoucherWebhookEvent['event_type'];

/** An event whose `event_type` this version does not know; Uber may add new ones at any time. */
export type UnknownWebhookEvent = WebhookEventEnvelope;

/** Which Uber environment sent the event (`X-Environment`). */
export type WebhookEnvironment = 'production' | 'sandbox';

export const voucherWebhookEventTypes = [
  'voucher_program_activated',
  'voucher_program_completed',
  'voucher_program_code_distributed',
  'voucher_program_code_redeemed',
] as const satisfies readonly VoucherWebhookEventType[];

const knownEventTypes: ReadonlySet<string> = new Set(voucherWebhookEventTypes);

export function isVoucherWebhookEvent(event: WebhookEventEnvelope): event is VoucherWebhookEvent {
  return knownEventTypes.has(event.event_type);
}

/**
 * A verified, parsed delivery. Narrow on `known` first: a known event then narrows exhaustively
 * on `event.event_type`, and an unknown one should still be acknowledged.
 */
export type WebhookDelivery =
  | { known: true; event: VoucherWebhookEvent; environment: WebhookEnvironment | undefined }
  | { known: false; event: UnknownWebhookEvent; environment: WebhookEnvironment | undefined };
