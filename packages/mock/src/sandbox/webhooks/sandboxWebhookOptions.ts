import type { DeliveryAttempt, WebhookDelivery } from './delivery.js';

/** The webhook options of `startSandbox`. */
export interface SandboxWebhookOptions {
  /** Where the sandbox delivers the events its state causes; none by default. */
  webhookUrls?: readonly string[];
  /** The key `X-Uber-Signature` is made with; required with `webhookUrls`. Never logged or saved. */
  signingKey?: string;
  /** Deliver every event twice (same `event_id`), to test a receiver's de-duplication. */
  deliverTwice?: boolean;
  /** Send the deliveries due together in a seeded random order. */
  shuffle?: boolean;
  /** Real milliseconds a receiver has to answer; Uber's 10 s by default. */
  webhookTimeoutMs?: number;
  /** Called after each delivery attempt (the CLI prints them). */
  onWebhookAttempt?: (delivery: WebhookDelivery, attempt: DeliveryAttempt) => void;
}
