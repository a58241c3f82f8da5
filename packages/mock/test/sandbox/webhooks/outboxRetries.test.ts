import { describe, expect, it, vi } from 'vitest';
import { attemptOffsetsMs, uberRetrySchedule, type WebhookOutbox } from '../../../src/sandbox/webhooks/index.js';
import { distinctEvents } from './support/events.js';
import { manualClock, seededRandom, type ManualClock } from './support/manualClock.js';
import { useOutboxFixture } from './support/outboxFixture.js';

const signingKey = 'whsec_sandbox_retry_tests';
const start = Date.UTC(2027, 0, 1);
const minute = 60_000;

const { receiver, outbox } = useOutboxFixture(signingKey, 11);

/** Moves the clock to the next scheduled attempt and waits for its answer; returns the time it moved to. */
async function advanceToNextAttempt(box: WebhookOutbox, clock: ManualClock): Promise<number> {
  const next = Math.min(...box.deliveries().flatMap((delivery) => (delivery.next_attempt_at === null ? [] : [delivery.next_attempt_at])));
  expect(Number.isFinite(next), 'a delivery should be waiting').toBe(true);
  clock.advance(next - clock.now());
  await box.whenIdle();
  return next;
}

describe('retry schedule', () => {
  it("is Uber's: a first attempt, then seven retries 30 s × 2^n apart, the last 63.5 min after the first", () => {
    expect(attemptOffsetsMs(uberRetrySchedule)).toEqual([0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5, 63.5].map((minutes) => minutes * minute));
  });
});

describe('webhook outbox: a receiver that is down', () => {
  it('holds events while the receiver is down for three attempts and delivers each once it is up', async () => {
    const partner = await receiver();
    await partner.down();
    const clock = manualClock(start);
    const box = outbox([partner.url], clock);
    const events = distinctEvents(4);
    for (const event of events) box.enqueue(event);
    await box.whenIdle();
    await advanceToNextAttempt(box, clock);
    await advanceToNextAttempt(box, clock);
    for (const delivery of box.deliveries()) {
      expect(delivery.state).toBe('pending');
      expect(delivery.attempts.map((attempt) => attempt.error)).toEqual(Array(3).fill('connection failed (ECONNREFUSED)'));
    }

    await partner.up();
    await advanceToNextAttempt(box, clock);

    const offsets = attemptOffsetsMs(uberRetrySchedule).slice(0, 4);
    for (const delivery of box.deliveries()) {
      expect(delivery.state).toBe('delivered');
      expect(delivery.attempts.map((attempt) => attempt.at - start)).toEqual(offsets);
      expect(delivery.attempts.at(-1)).toMatchObject({ status: 200, acknowledged: true });
    }
    // Each event reached the handler exactly once, and nothing arrives after the acknowledgement.
    expect(partner.handled.map((delivery) => delivery.event.event_id).sort()).toEqual(events.map((event) => event.event_id).sort());
    clock.advance(2 * 60 * minute);
    await box.whenIdle();
    expect(partner.requests).toHaveLength(events.length);
  });

  it('carries the waiting deliveries across a snapshot and restore, as the sandbox does with --state', async () => {
    const partner = await receiver();
    partner.behaviour = { status: 503 };
    const clock = manualClock(start);
    const first = outbox([partner.url], clock);
    const events = distinctEvents(3);
    for (const event of events) first.enqueue(event);
    await first.whenIdle();
    await advanceToNextAttempt(first, clock);
    // The state goes through a file as JSON; the first sandbox stops.
    const saved = JSON.stringify(first.snapshot());
    await first.close();
    expect(saved).not.toContain(signingKey);

    clock.advance(30_000); // the sandbox is down a while, on the sandbox clock
    const second = outbox([partner.url], clock, { state: JSON.parse(saved) });
    await advanceToNextAttempt(second, clock);
    partner.behaviour = 'handler';
    await advanceToNextAttempt(second, clock);

    const offsets = attemptOffsetsMs(uberRetrySchedule).slice(0, 4);
    for (const delivery of second.deliveries()) {
      expect(delivery.state).toBe('delivered');
      expect(delivery.attempts.map((attempt) => attempt.at - start)).toEqual(offsets);
      expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([503, 503, 503, 200]);
    }
    expect(partner.handled.map((delivery) => delivery.event.event_id).sort()).toEqual(events.map((event) => event.event_id).sort());
    // New deliveries after a restore get new ids.
    const [added] = second.enqueue(distinctEvents(1, 'later')[0]!);
    expect(second.deliveries().filter((delivery) => delivery.delivery_id === added!.delivery_id)).toHaveLength(1);
  });

  it('retries an attempt that was in flight when the outbox closed', async () => {
    const partner = await receiver();
    partner.behaviour = 'hang';
    const clock = manualClock(start);
    const first = outbox([partner.url], clock);
    first.enqueue(distinctEvents(1)[0]!);
    await vi.waitFor(() => expect(partner.requests).toHaveLength(1), { timeout: 5_000, interval: 10 });
    const saved = JSON.stringify(first.snapshot());
    await first.close();

    partner.behaviour = 'handler';
    const second = outbox([partner.url], clock, { state: JSON.parse(saved) });
    await second.whenIdle();
    expect(second.deliveries()[0]).toMatchObject({ state: 'delivered', attempts: [{ at: start, status: 200, acknowledged: true }] });
    expect(partner.handled).toHaveLength(1);
  });

  it('follows the whole schedule, then gives up; retryNow makes one more attempt each', async () => {
    const partner = await receiver();
    partner.behaviour = { status: 500 };
    const clock = manualClock(start);
    const box = outbox([partner.url], clock);
    box.enqueue(distinctEvents(1)[0]!);
    await box.whenIdle();
    for (let attempt = 1; attempt < uberRetrySchedule.maxAttempts; attempt += 1) await advanceToNextAttempt(box, clock);

    let [delivery] = box.deliveries();
    expect(delivery!.attempts.map((attempt) => attempt.at - start)).toEqual(attemptOffsetsMs(uberRetrySchedule));
    expect(delivery).toMatchObject({ state: 'failed', next_attempt_at: null });
    clock.advance(24 * 60 * minute);
    await box.whenIdle();
    expect(partner.requests).toHaveLength(uberRetrySchedule.maxAttempts);

    expect(await box.retryNow()).toEqual({ attempted: 1, delivered: 0 });
    [delivery] = box.deliveries();
    expect(delivery).toMatchObject({ state: 'failed', next_attempt_at: null });
    partner.behaviour = 'handler';
    expect(await box.retryNow()).toEqual({ attempted: 1, delivered: 1 });
    expect(box.deliveries()[0]!.state).toBe('delivered');
    expect(partner.handled).toHaveLength(1);
    expect(await box.retryNow()).toEqual({ attempted: 0, delivered: 0 });
  });

  it('sends pending deliveries at once on retryNow, without waiting for the clock', async () => {
    const partner = await receiver();
    await partner.down();
    const clock = manualClock(start);
    const box = outbox([partner.url], clock);
    for (const event of distinctEvents(2)) box.enqueue(event);
    await box.whenIdle();
    await partner.up();
    expect(await box.retryNow()).toEqual({ attempted: 2, delivered: 2 });
    expect(box.deliveries().map((delivery) => delivery.attempts.map((attempt) => attempt.at))).toEqual([
      [start, start],
      [start, start],
    ]);
  });

  it('sendPendingNow starts the attempts at once and answers how many go out', async () => {
    const partner = await receiver();
    partner.behaviour = { status: 500 };
    const clock = manualClock(start);
    const box = outbox([partner.url], clock);
    for (const event of distinctEvents(3)) box.enqueue(event);
    await box.whenIdle();
    partner.behaviour = 'handler';
    expect(box.sendPendingNow()).toBe(3);
    await box.whenIdle();
    expect(box.deliveries().map((delivery) => delivery.state)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(box.sendPendingNow()).toBe(0);
  });

  it('after a clock jump makes one late attempt, then resumes the backoff from it', async () => {
    const partner = await receiver();
    partner.behaviour = { status: 500 };
    const clock = manualClock(start);
    const box = outbox([partner.url], clock);
    box.enqueue(distinctEvents(1)[0]!);
    await box.whenIdle();
    // One jump of an hour: the timer fires at the first retry; the second is overdue by the time it is known.
    clock.advance(60 * minute);
    await box.whenIdle();
    const [delivery] = box.deliveries();
    expect(delivery!.attempts.map((attempt) => [attempt.at - start, attempt.due_at - start])).toEqual([
      [0, 0],
      [30_000, 30_000],
      [60 * minute, 90_000],
    ]);
    expect(delivery).toMatchObject({ state: 'pending', next_attempt_at: start + 60 * minute + 2 * minute });
  });
});

describe('webhook outbox: a bounded log', () => {
  it('keeps every pending delivery and only the newest settled ones', async () => {
    const up = await receiver();
    const down = await receiver();
    await down.down();
    const box = outbox([up.url, down.url], manualClock(start), { maxSettled: 3 });
    const events = distinctEvents(10);
    for (const event of events) box.enqueue(event);
    await box.whenIdle();
    const log = box.deliveries();
    expect(log.filter((delivery) => delivery.state === 'pending').map((delivery) => delivery.event_id)).toEqual(events.map((event) => event.event_id));
    const settled = log.filter((delivery) => delivery.state !== 'pending');
    expect(settled.length).toBeGreaterThanOrEqual(3);
    expect(settled.length).toBeLessThanOrEqual(4);
    expect(settled.map((delivery) => delivery.event_id)).toEqual(events.slice(-settled.length).map((event) => event.event_id));
    expect(up.handled).toHaveLength(10);
  });
});

describe('webhook outbox: duplicated and shuffled deliveries', () => {
  it('delivers every event twice in a seeded order, and the de-duplicating handler runs each once', async () => {
    const orders: string[][] = [];
    for (const run of [1, 2]) {
      const partner = await receiver();
      const box = outbox([partner.url], manualClock(start), { deliverTwice: true, shuffle: true, random: seededRandom(2027) });
      const events = distinctEvents(12, `run${run}`);
      for (const event of events) box.enqueue(event);
      await box.whenIdle();

      const arrived = partner.requests.map((request) => (JSON.parse(request.rawBody) as { event_id: string }).event_id);
      expect(arrived).toHaveLength(24);
      expect([...arrived].sort()).toEqual(events.flatMap((event) => [event.event_id, event.event_id]).sort());
      expect(partner.handled.map((delivery) => delivery.event.event_id).sort()).toEqual(events.map((event) => event.event_id).sort());
      expect(box.deliveries().every((delivery) => delivery.state === 'delivered')).toBe(true);
      // Not the order the events were raised in…
      expect(arrived).not.toEqual(events.flatMap((event) => [event.event_id, event.event_id]));
      orders.push(arrived.map((id) => id.replace(`run${run}-`, '')));
    }
    // …and the same order again for the same seed.
    expect(orders[1]).toEqual(orders[0]);
  });

  it('switches duplication and shuffling on and off for later events', async () => {
    const partner = await receiver();
    const box = outbox([partner.url], manualClock(start));
    box.enqueue(distinctEvents(1, 'single')[0]!);
    box.configure({ deliverTwice: true });
    box.enqueue(distinctEvents(1, 'double')[0]!);
    await box.whenIdle();
    expect(box.deliveries().map((delivery) => [delivery.event_id, delivery.copy])).toEqual([
      ['single-1', 1],
      ['double-1', 1],
      ['double-1', 2],
    ]);
  });
});
