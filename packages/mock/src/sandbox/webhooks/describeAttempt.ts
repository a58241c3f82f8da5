import type { DeliveryAttempt, WebhookDelivery } from './delivery.js';

/** One line per attempt for the command line's log: what went where, how it went, what comes next. The key never appears. */
export function describeAttempt(delivery: WebhookDelivery, attempt: DeliveryAttempt): string {
  const what = `webhook ${delivery.event_type} ${delivery.event_id}${delivery.copy > 1 ? ' (copy 2)' : ''} -> ${delivery.url}`;
  if (attempt.acknowledged) return `${what}: ${attempt.status} acknowledged`;
  const next = delivery.next_attempt_at === null ? 'given up' : `next attempt at ${new Date(delivery.next_attempt_at).toISOString()} (sandbox clock)`;
  return `${what}: ${attempt.error ?? 'not acknowledged'}; ${next}`;
}
