/**
 * Remembers which `event_id`s are taken so each event is handled once. Methods may be async so a
 * shared store (Redis `SET NX`, a database unique key) can back several processes.
 */
export interface WebhookEventStore {
  /** Atomically takes the id; `false` when it is already taken (handled, or being handled now). */
  claim(eventId: string): boolean | Promise<boolean>;
  /** The event was handled: keep the id for good (or for as long as Uber may retry). */
  complete(eventId: string): void | Promise<void>;
  /** Handling failed: forget the id so Uber's retry is processed. */
  release(eventId: string): void | Promise<void>;
}

export interface MemoryEventStoreOptions {
  /** How many ids to remember; the oldest go first beyond it (and could then be handled twice). Default 10 000. */
  maxEntries?: number;
  /** How long to remember an id, in ms. Default 24 h, well past Uber's hour of retries. */
  ttlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** A bounded, expiring store for one process. */
export function createMemoryEventStore(options: MemoryEventStoreOptions = {}): WebhookEventStore & {
  readonly size: number;
} {
  const maxEntries = options.maxEntries ?? 10_000;
  const ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
  const now = options.now ?? Date.now;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be a positive integer.');
  if (!(ttlMs > 0)) throw new RangeError('ttlMs must be a positive number of milliseconds.');

  // Insertion order is expiry order (one TTL for all), so expired ids sit at the front.
  const expiresAtById = new Map<string, number>();

  function sweep(at: number): void {
    for (const [eventId, expiresAt] of expiresAtById) {
      if (expiresAt > at) break;
      expiresAtById.delete(eventId);
    }
  }

  function remember(eventId: string): void {
    expiresAtById.delete(eventId);
    expiresAtById.set(eventId, now() + ttlMs);
    while (expiresAtById.size > maxEntries) {
      const oldest = expiresAtById.keys().next().value as string;
      expiresAtById.delete(oldest);
    }
  }

  return {
    claim(eventId) {
      sweep(now());
      if (expiresAtById.has(eventId)) return false;
      remember(eventId);
      return true;
    },
    complete(eventId) {
      // Restart the clock from the end of handling, not the start.
      remember(eventId);
    },
    release(eventId) {
      expiresAtById.delete(eventId);
    },
    get size() {
      sweep(now());
      return expiresAtById.size;
    },
  };
}
