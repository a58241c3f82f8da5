import type { WebhookEventStore } from './eventStore.js';

export type HandleOnceOutcome = 'handled' | 'duplicate';

/**
 * Runs `handle` unless the event id was already claimed. A handler that throws releases the
 * claim and rethrows, so the delivery fails and Uber's retry is processed.
 */
export async function handleEventOnce(
  store: WebhookEventStore,
  eventId: string,
  handle: () => unknown,
): Promise<HandleOnceOutcome> {
  // Claim before handling: two deliveries of one event in flight at once run the handler once.
  if (!(await store.claim(eventId))) return 'duplicate';
  try {
    await handle();
  } catch (error) {
    await store.release(eventId);
    throw error;
  }
  await store.complete(eventId);
  return 'handled';
}
