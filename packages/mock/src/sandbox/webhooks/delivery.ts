import type { UnknownWebhookEvent, VoucherWebhookEvent } from '@voucher-programs/webhooks';

export type WebhookEventToDeliver = VoucherWebhookEvent | UnknownWebhookEvent;

/** One try at one URL, in sandbox time. */
export interface DeliveryAttempt {
  /** When the attempt was made. */
  at: number;
  /** When the schedule wanted it (earlier than `at` when the clock jumped past it). */
  due_at: number;
  /** The receiver's status, when it answered. */
  status?: number;
  /** Why the attempt did not acknowledge: a status other than an empty 2xx, a timeout, a refused connection. */
  error?: string;
  acknowledged: boolean;
}

export type DeliveryState = 'pending' | 'delivered' | 'failed';

/** One event on its way to one URL (twice over with `deliverTwice`: two deliveries, one event). */
export interface WebhookDelivery {
  delivery_id: string;
  event_id: string;
  event_type: string;
  url: string;
  /** 1, or 2 for the second copy of an event delivered twice. */
  copy: number;
  enqueued_at: number;
  /** `pending` until an attempt is acknowledged (`delivered`) or the schedule runs out (`failed`). */
  state: DeliveryState;
  attempts: DeliveryAttempt[];
  /** The next scheduled attempt; null once delivered or failed. */
  next_attempt_at: number | null;
  /** The event as it is sent: the body is its JSON, the same bytes on every attempt. */
  event: WebhookEventToDeliver;
}

/** What `snapshot()` returns and `state` restores: plain JSON, without the signing key. */
export interface WebhookOutboxState {
  version: 1;
  /** Sequence of the last delivery id handed out, so ids stay unique after a restore. */
  last_delivery_number: number;
  deliveries: WebhookDelivery[];
}
