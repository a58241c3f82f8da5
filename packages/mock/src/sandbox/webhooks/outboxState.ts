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
  const lastDeliveryNumber = count(state['lastDeliveryNumber'], 'lastDeliveryNumber');
  if (!Array.isArray(state['deliveries'])) throw new WebhookOutboxStateError('the outbox state has no deliveries list.');
  const seen = new Set<string>();
  const deliveries = state['deliveries'].map((item: unknown, index: number) => {
    const delivery = restoreDelivery(item, `deliveries[${index}]`);
    if (seen.has(delivery.deliveryId)) throw new WebhookOutboxStateError(`deliveries[${index}]: deliveryId ${delivery.deliveryId} appears twice.`);
    seen.add(delivery.deliveryId);
    return delivery;
  });
  return { version: 1, lastDeliveryNumber, deliveries };
}

function restoreDelivery(value: unknown, where: string): WebhookDelivery {
  const item = record(value, where);
  const event = record(item['event'], `${where}.event`);
  const state = item['state'];
  if (typeof state !== 'string' || !states.has(state)) throw new WebhookOutboxStateError(`${where}.state must be pending, delivered or failed.`);
  const nextAttemptAt = item['nextAttemptAt'];
  if (state === 'pending' ? typeof nextAttemptAt !== 'number' : nextAttemptAt !== null) {
    throw new WebhookOutboxStateError(`${where}.nextAttemptAt must be a time when pending and null otherwise.`);
  }
  const url = text(item['url'], `${where}.url`);
  if (!URL.canParse(url)) throw new WebhookOutboxStateError(`${where}.url is not a URL.`);
  if (!Array.isArray(item['attempts'])) throw new WebhookOutboxStateError(`${where}.attempts must be a list.`);
  const eventId = text(item['eventId'], `${where}.eventId`);
  if (event['event_id'] !== eventId) throw new WebhookOutboxStateError(`${where}.eventId differs from its event's event_id.`);
  return {
    deliveryId: text(item['deliveryId'], `${where}.deliveryId`),
    eventId,
    eventType: text(item['eventType'], `${where}.eventType`),
    url,
    copy: count(item['copy'], `${where}.copy`),
    enqueuedAt: time(item['enqueuedAt'], `${where}.enqueuedAt`),
    state: state as WebhookDelivery['state'],
    attempts: item['attempts'].map((attempt: unknown, index: number) => restoreAttempt(attempt, `${where}.attempts[${index}]`)),
    nextAttemptAt: nextAttemptAt as number | null,
    event: event as WebhookDelivery['event'],
  };
}

function restoreAttempt(value: unknown, where: string): DeliveryAttempt {
  const item = record(value, where);
  if (typeof item['acknowledged'] !== 'boolean') throw new WebhookOutboxStateError(`${where}.acknowledged must be a boolean.`);
  const attempt: DeliveryAttempt = { at: time(item['at'], `${where}.at`), dueAt: time(item['dueAt'], `${where}.dueAt`), acknowledged: item['acknowledged'] };
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
