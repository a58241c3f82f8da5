import type { DeliveryAttempt, WebhookDelivery, WebhookOutboxState } from './delivery.js';

/** A state file that cannot be restored: the message says which delivery and field, never more. */
export class WebhookOutboxStateError extends Error {
  override readonly name = 'WebhookOutboxStateError';
}

const states = new Set(['pending', 'delivered', 'failed']);

/**
 * Checks a saved outbox state field by field before any of it is used, so a hand-edited or
 * truncated state file fails at start with a clear message instead of losing deliveries later.
 */
export function restoreOutboxState(value: unknown): WebhookOutboxState {
  const state = record(value, 'the outbox state');
  if (state['version'] !== 1) throw new WebhookOutboxStateError('the outbox state has an unknown version (expected 1).');
  const last_delivery_number = count(state['last_delivery_number'], 'last_delivery_number');
  if (!Array.isArray(state['deliveries'])) throw new WebhookOutboxStateError('the outbox state has no deliveries list.');
  const seen = new Set<string>();
  const deliveries = state['deliveries'].map((item: unknown, index: number) => {
    const delivery = restoreDelivery(item, `deliveries[${index}]`);
    if (seen.has(delivery.delivery_id)) throw new WebhookOutboxStateError(`deliveries[${index}]: delivery_id ${delivery.delivery_id} appears twice.`);
    seen.add(delivery.delivery_id);
    return delivery;
  });
  return { version: 1, last_delivery_number, deliveries };
}

function restoreDelivery(value: unknown, where: string): WebhookDelivery {
  const item = record(value, where);
  const event = record(item['event'], `${where}.event`);
  const state = item['state'];
  if (typeof state !== 'string' || !states.has(state)) throw new WebhookOutboxStateError(`${where}.state must be pending, delivered or failed.`);
  const next_attempt_at = item['next_attempt_at'];
  if (state === 'pending' ? typeof next_attempt_at !== 'number' : next_attempt_at !== null) {
    throw new WebhookOutboxStateError(`${where}.next_attempt_at must be a time when pending and null otherwise.`);
  }
  const url = text(item['url'], `${where}.url`);
  if (!URL.canParse(url)) throw new WebhookOutboxStateError(`${where}.url is not a URL.`);
  if (!Array.isArray(item['attempts'])) throw new WebhookOutboxStateError(`${where}.attempts must be a list.`);
  const eventId = text(item['event_id'], `${where}.event_id`);
  if (event['event_id'] !== eventId) throw new WebhookOutboxStateError(`${where}.event_id differs from its event's event_id.`);
  return {
    delivery_id: text(item['delivery_id'], `${where}.delivery_id`),
    event_id: eventId,
    event_type: text(item['event_type'], `${where}.event_type`),
    url,
    copy: count(item['copy'], `${where}.copy`),
    enqueued_at: time(item['enqueued_at'], `${where}.enqueued_at`),
    state: state as WebhookDelivery['state'],
    attempts: item['attempts'].map((attempt: unknown, index: number) => restoreAttempt(attempt, `${where}.attempts[${index}]`)),
    next_attempt_at: next_attempt_at as number | null,
    event: event as WebhookDelivery['event'],
  };
}

function restoreAttempt(value: unknown, where: string): DeliveryAttempt {
  const item = record(value, where);
  if (typeof item['acknowledged'] !== 'boolean') throw new WebhookOutboxStateError(`${where}.acknowledged must be a boolean.`);
  const attempt: DeliveryAttempt = { at: time(item['at'], `${where}.at`), due_at: time(item['due_at'], `${where}.due_at`), acknowledged: item['acknowledged'] };
  if (item['status'] !== undefined) attempt.status = count(item['status'], `${where}.status`);
  if (item['error'] !== undefined) attempt.error = text(item['error'], `${where}.error`);
  return attempt;
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new WebhookOutboxStateError(`${where} must be an object.`);
  return value as Record<string, unknown>;
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '') throw new WebhookOutboxStateError(`${where} must be a non-empty string.`);
  return value;
}

function count(value: unknown, where: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw new WebhookOutboxStateError(`${where} must be an integer ≥ 0.`);
  return value as number;
}

function time(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new WebhookOutboxStateError(`${where} must be a time in milliseconds.`);
  return value;
}
