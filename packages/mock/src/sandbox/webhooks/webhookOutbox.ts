import { AttemptAbortedError, attemptDelivery } from './attemptDelivery.js';
import type { DeliveryAttempt, WebhookDelivery, WebhookEventToDeliver, WebhookOutboxState } from './delivery.js';
import { restoreOutboxState } from './outboxState.js';
import { checkedRetrySchedule, retryDelayMs, type RetrySchedule } from './retrySchedule.js';
import type { RandomSource, SchedulingClock } from './schedulingClock.js';
import { seededShuffle } from './seededShuffle.js';

export interface WebhookOutboxOptions {
  /** Where every event goes; each URL gets its own delivery. */
  urls: readonly (string | URL)[];
  /** The key `X-Uber-Signature` is made with (required with URLs). Kept in memory only: never logged, never in the state. */
  signingKey?: string | undefined;
  clock: SchedulingClock;
  /** Seeded source for `shuffle`. */
  random: RandomSource;
  /** Send every event twice (two deliveries with the same `event_id`), to test de-duplication. */
  deliverTwice?: boolean;
  /** Send the deliveries that are due together in a seeded random order, to test unordered handling. */
  shuffle?: boolean;
  /** Real milliseconds to wait for an answer; Uber's 10 s by default. */
  timeoutMs?: number;
  /** Uber's schedule by default (see retrySchedule.ts). */
  retry?: Partial<RetrySchedule>;
  /** A state from `snapshot()` (or a state file) to carry on from. */
  state?: unknown;
  /** Delivered and failed deliveries kept in the log (the oldest go first); pending ones are always kept. Default 10 000. */
  maxSettled?: number;
  /** Called after every attempt, for logging. */
  onAttempt?: (delivery: WebhookDelivery, attempt: DeliveryAttempt) => void;
  fetch?: typeof fetch;
}

export interface RetryNowSummary {
  attempted: number;
  delivered: number;
}

export interface WebhookOutbox {
  /** Queues `event` for every URL and starts sending; returns the new deliveries. */
  enqueue(event: WebhookEventToDeliver): WebhookDelivery[];
  /** The delivery log, oldest first: copies, safe to keep or serialise. */
  deliveries(): WebhookDelivery[];
  /** Attempts every undelivered delivery now (failed ones too, once more each), and waits for the answers. */
  retryNow(): Promise<RetryNowSummary>;
  /** The same without waiting: starts the attempts and answers how many deliveries are going out. */
  sendPendingNow(): number;
  /** Resolves once nothing is in flight and nothing due is waiting. */
  whenIdle(): Promise<void>;
  /** The outbox as plain JSON, for a state file. */
  snapshot(): WebhookOutboxState;
  /** Changes `deliverTwice` / `shuffle` for events enqueued from now on. */
  configure(options: { deliverTwice?: boolean; shuffle?: boolean }): void;
  /** Stops scheduling and aborts what is in flight; an aborted attempt is not recorded, so a restored state retries it. */
  close(): Promise<void>;
}

/**
 * The sandbox's webhook outbox: at-least-once delivery with Uber's backoff on the sandbox clock.
 * Deliveries to one URL go one after another (so `shuffle` decides the order the receiver sees);
 * different URLs are served side by side, so one slow receiver does not hold up another.
 */
export function createWebhookOutbox(options: WebhookOutboxOptions): WebhookOutbox {
  const urls = options.urls.map((url) => checkedUrl(url));
  // Without URLs nothing is sent, so a sandbox started without webhooks needs no key.
  if (urls.length > 0 && (typeof options.signingKey !== 'string' || options.signingKey === '')) throw new TypeError('A webhook signing key is required to deliver webhooks.');
  const schedule = checkedRetrySchedule(options.retry);
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new RangeError('timeoutMs must be a positive number of milliseconds.');
  const maxSettled = options.maxSettled ?? 10_000;
  if (!Number.isSafeInteger(maxSettled) || maxSettled < 0) throw new RangeError('maxSettled must be an integer ≥ 0.');
  const { clock, random } = options;
  const signingKey = options.signingKey ?? '';
  const send = options.fetch ?? fetch;
  const restored = options.state === undefined ? undefined : restoreOutboxState(options.state);

  // Insertion order is age order: the oldest settled deliveries are the first trimmed.
  const deliveries = new Map<string, WebhookDelivery>(restored?.deliveries.map((delivery) => [delivery.delivery_id, delivery]));
  // Only pending deliveries are scanned when sending, so a long log costs nothing per event.
  const pending = new Set([...deliveries.values()].filter((delivery) => delivery.state === 'pending'));
  if (pending.size > 0 && signingKey === '') throw new TypeError(`The saved state has ${pending.size} deliveries waiting; a webhook signing key is required to send them.`);
  let settledCount = deliveries.size - pending.size;
  let lastDeliveryNumber = restored?.last_delivery_number ?? 0;
  let deliverTwice = options.deliverTwice ?? false;
  let shuffle = options.shuffle ?? false;
  const inFlight = new Set<string>();
  const closing = new AbortController();
  let flushing: Promise<void> | undefined;
  let timer: { at: number; cancel: () => void } | undefined;

  function due(at: number): WebhookDelivery[] {
    return [...pending].filter((delivery) => delivery.next_attempt_at !== null && delivery.next_attempt_at <= at && !inFlight.has(delivery.delivery_id));
  }

  function settle(delivery: WebhookDelivery, state: 'delivered' | 'failed'): void {
    delivery.state = state;
    delivery.next_attempt_at = null;
    pending.delete(delivery);
    settledCount += 1;
    // Trimmed in sweeps a tenth of the bound apart, so each settlement costs O(1) on average.
    if (settledCount <= maxSettled + Math.ceil(maxSettled / 10)) return;
    for (const [id, old] of deliveries) {
      if (settledCount <= maxSettled) break;
      if (old.state === 'pending') continue;
      deliveries.delete(id);
      settledCount -= 1;
    }
  }

  function reopen(delivery: WebhookDelivery, at: number): void {
    if (delivery.state !== 'pending') settledCount -= 1;
    delivery.state = 'pending';
    delivery.next_attempt_at = at;
    pending.add(delivery);
  }

  /** Keeps exactly one timer, at the earliest pending attempt. */
  function scheduleNext(): void {
    if (closing.signal.aborted) return;
    let earliest: number | undefined;
    for (const delivery of pending) {
      if (delivery.next_attempt_at === null || inFlight.has(delivery.delivery_id)) continue;
      if (earliest === undefined || delivery.next_attempt_at < earliest) earliest = delivery.next_attempt_at;
    }
    if (timer && timer.at === earliest) return;
    timer?.cancel();
    timer = undefined;
    if (earliest === undefined) return;
    if (earliest <= clock.now()) {
      // Already due (just enqueued, or the clock jumped past it): do not depend on how a clock treats past times.
      queueMicrotask(startFlush);
      return;
    }
    const at = earliest;
    const cancel = clock.schedule(at, () => {
      if (timer?.at === at) timer = undefined;
      startFlush();
    });
    timer = { at, cancel };
  }

  function startFlush(): void {
    if (flushing || closing.signal.aborted) return;
    flushing = flush().finally(() => {
      flushing = undefined;
      scheduleNext();
    });
  }

  /** Sends whatever is due, again and again until nothing due is left (a clock jump can make retries due at once). */
  async function flush(): Promise<void> {
    for (let batch = due(clock.now()); batch.length > 0 && !closing.signal.aborted; batch = due(clock.now())) {
      await sendBatch(batch);
    }
  }

  async function sendBatch(batch: WebhookDelivery[]): Promise<void> {
    const ordered = shuffle ? seededShuffle(batch, random) : batch;
    const byUrl = new Map<string, WebhookDelivery[]>();
    for (const delivery of ordered) {
      const queue = byUrl.get(delivery.url);
      if (queue) queue.push(delivery);
      else byUrl.set(delivery.url, [delivery]);
    }
    await Promise.all(
      [...byUrl.values()].map(async (queue) => {
        for (const delivery of queue) {
          if (closing.signal.aborted) return;
          await attempt(delivery);
        }
      }),
    );
  }

  async function attempt(delivery: WebhookDelivery): Promise<void> {
    const dueAt = delivery.next_attempt_at ?? clock.now();
    const at = clock.now();
    inFlight.add(delivery.delivery_id);
    try {
      const outcome = await attemptDelivery({ url: delivery.url, event: delivery.event, signingKey, timeoutMs, signal: closing.signal, fetch: send });
      const record: DeliveryAttempt = { at, due_at: dueAt, ...outcome };
      delivery.attempts.push(record);
      if (record.acknowledged) {
        settle(delivery, 'delivered');
      } else {
        const wait = retryDelayMs(delivery.attempts.length, schedule);
        if (wait === undefined) settle(delivery, 'failed');
        else delivery.next_attempt_at = at + wait;
      }
      options.onAttempt?.(structuredClone(delivery), { ...record });
    } catch (error) {
      if (!(error instanceof AttemptAbortedError)) throw error;
    } finally {
      inFlight.delete(delivery.delivery_id);
    }
  }

  function enqueue(event: WebhookEventToDeliver): WebhookDelivery[] {
    if (closing.signal.aborted) throw new Error('The webhook outbox is closed.');
    const eventId = event?.event_id;
    if (typeof eventId !== 'string' || eventId === '' || typeof event.event_type !== 'string') {
      throw new TypeError('A webhook event needs a non-empty event_id and event_type.');
    }
    const at = clock.now();
    const copies = deliverTwice ? 2 : 1;
    const added: WebhookDelivery[] = [];
    for (const url of urls) {
      for (let copy = 1; copy <= copies; copy += 1) {
        lastDeliveryNumber += 1;
        const delivery: WebhookDelivery = {
          delivery_id: `delivery-${lastDeliveryNumber}`,
          event_id: eventId,
          event_type: event.event_type,
          url,
          copy,
          enqueued_at: at,
          state: 'pending',
          attempts: [],
          next_attempt_at: at,
          event: structuredClone(event),
        };
        deliveries.set(delivery.delivery_id, delivery);
        pending.add(delivery);
        added.push(structuredClone(delivery));
      }
    }
    // Due now: no need to look for the earliest attempt; the flush re-arms the timer when it ends.
    if (added.length > 0) queueMicrotask(startFlush);
    return added;
  }

  async function whenIdle(): Promise<void> {
    // Bounded: each round either finds nothing due or waits for a flush that records attempts.
    for (let round = 0; round < 10_000; round += 1) {
      if (flushing) {
        await flushing;
        continue;
      }
      if (due(clock.now()).length === 0) return;
      startFlush();
    }
  }

  /** Makes every undelivered delivery that is not in flight due now; a failed one gets one attempt more. */
  function sendPendingNow(): WebhookDelivery[] {
    const now = clock.now();
    const waiting = [...deliveries.values()].filter((delivery) => delivery.state !== 'delivered' && !inFlight.has(delivery.delivery_id));
    // Past the schedule, a refusal leaves a failed one failed again (see attempt()).
    for (const delivery of waiting) reopen(delivery, now);
    scheduleNext();
    return waiting;
  }

  async function retryNow(): Promise<RetryNowSummary> {
    await whenIdle();
    const attemptsBefore = new Map<string, number>();
    for (const delivery of sendPendingNow()) attemptsBefore.set(delivery.delivery_id, delivery.attempts.length);
    await whenIdle();
    const attempted = [...attemptsBefore].map(([id]) => deliveries.get(id)!).filter((delivery) => delivery.attempts.length > attemptsBefore.get(delivery.delivery_id)!);
    return { attempted: attempted.length, delivered: attempted.filter((delivery) => delivery.state === 'delivered').length };
  }

  if (restored) scheduleNext();

  return {
    enqueue,
    deliveries: () => [...deliveries.values()].map((delivery) => structuredClone(delivery)),
    retryNow,
    sendPendingNow: () => sendPendingNow().length,
    whenIdle,
    snapshot: () => ({ version: 1, last_delivery_number: lastDeliveryNumber, deliveries: [...deliveries.values()].map((delivery) => structuredClone(delivery)) }),
    configure(changes) {
      if (changes.deliverTwice !== undefined) deliverTwice = changes.deliverTwice;
      if (changes.shuffle !== undefined) shuffle = changes.shuffle;
    },
    async close() {
      closing.abort();
      timer?.cancel();
      timer = undefined;
      await flushing;
    },
  };
}

function checkedUrl(url: string | URL): string {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new TypeError(`A webhook URL must be an http(s) URL; got ${JSON.stringify(String(url))}.`);
  }
  return parsed.href;
}
