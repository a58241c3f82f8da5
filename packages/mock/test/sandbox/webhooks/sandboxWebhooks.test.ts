import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookDelivery } from '@voucher-programs/webhooks';
import {
  createSandboxWebhooks,
  guestReachable,
  schedulingClock,
  type ProgramTimes,
  type SandboxWebhooks,
  type SandboxWebhooksOptions,
} from '../../../src/sandbox/webhooks/index.js';
import { manualClock, seededRandom, type ManualClock } from './support/manualClock.js';
import { startPartnerReceiver, type PartnerReceiver } from './support/receiver.js';
import { checkedEvents } from './support/checkedEvents.js';

const signingKey = 'whsec_sandbox_events';
const start = Date.UTC(2027, 0, 1);
const hour = 3_600_000;
const apiBaseUrl = 'http://127.0.0.1:4010';
const organizationId = 'org-events';

let receiver: PartnerReceiver | undefined;
let webhooks: SandboxWebhooks[] = [];
afterEach(async () => {
  await Promise.all(webhooks.map((created) => created.close()));
  await receiver?.close();
  webhooks = [];
  receiver = undefined;
});

function program(id: string, startsAt: number, endsAt: number, canceledAt: number | null = null): ProgramTimes {
  return { organizationId, voucherProgramId: id, startsAt, endsAt, canceledAt };
}

async function setUp(programs: ProgramTimes[], clock: ManualClock, options: Partial<SandboxWebhooksOptions> = {}) {
  receiver ??= await startPartnerReceiver(signingKey);
  const created = createSandboxWebhooks({
    clock,
    programs: () => programs,
    eventId: (serial) => `event-${serial}`,
    random: seededRandom(9),
    apiBaseUrl,
    webhookUrls: [receiver.url],
    signingKey,
    ...options,
  });
  webhooks.push(created);
  return { webhooks: created, receiver };
}

const handled = (partner: PartnerReceiver) => checkedEvents(partner, signingKey);

const summary = (events: WebhookDelivery['event'][]) => events.map((event) => [event.event_type, event.meta.resource_id, event.event_time, event.meta.status]);

describe('events caused by the clock', () => {
  it('activates and completes programs as the clock crosses starts_at and ends_at, in time order across a jump', async () => {
    const clock = manualClock(start);
    const programs = [program('p1', start + hour, start + 2 * hour), program('p2', start + 3 * hour, start + 4 * hour), program('p3', start + hour, start + 5 * hour, start + 1)];
    const { webhooks: events, receiver: partner } = await setUp(programs, clock);

    clock.advance(hour / 2);
    await events.outbox.whenIdle();
    expect(partner.handled).toEqual([]);

    clock.advance(hour / 2);
    await events.outbox.whenIdle();
    expect(summary(handled(partner))).toEqual([['voucher_program_activated', 'p1', (start + hour) / 1000, 'ACTIVE']]);
    expect(partner.handled[0]!.event.resource_href).toBe(`${apiBaseUrl}/v1/organizations/${organizationId}/voucher-programs/p1`);
    expect(partner.handled[0]!.event.meta.org_uuid).toBe(organizationId);

    clock.advance(10 * hour);
    await events.outbox.whenIdle();
    expect(summary(handled(partner)).slice(1)).toEqual([
      ['voucher_program_completed', 'p1', (start + 2 * hour) / 1000, 'COMPLETE'],
      ['voucher_program_activated', 'p2', (start + 3 * hour) / 1000, 'ACTIVE'],
      ['voucher_program_completed', 'p2', (start + 4 * hour) / 1000, 'COMPLETE'],
    ]);
    // The canceled program raised nothing; every event id is new.
    expect(new Set(partner.handled.map((delivery) => delivery.event.event_id)).size).toBe(4);
  });

  it('activates at once a program created already started, and later completes it', async () => {
    const clock = manualClock(start);
    const programs: ProgramTimes[] = [];
    const { webhooks: events, receiver: partner } = await setUp(programs, clock);
    const late = program('late', start - hour, start + hour);
    programs.push(late);
    events.programCreated(late);
    const onTime = program('on-time', start + 10, start + hour);
    programs.push(onTime);
    events.programCreated(onTime);
    clock.advance(hour);
    await events.outbox.whenIdle();
    expect(summary(handled(partner))).toEqual([
      ['voucher_program_activated', 'late', start / 1000, 'ACTIVE'],
      ['voucher_program_activated', 'on-time', Math.floor((start + 10) / 1000), 'ACTIVE'],
      ['voucher_program_completed', 'late', (start + hour) / 1000, 'COMPLETE'],
      ['voucher_program_completed', 'on-time', (start + hour) / 1000, 'COMPLETE'],
    ]);
  });

  it('raises the events of a crossing that happened while the sandbox was stopped, once', async () => {
    const clock = manualClock(start);
    const programs = [program('p1', start + hour, start + 2 * hour)];
    const first = await setUp(programs, clock);
    const saved = JSON.parse(JSON.stringify(first.webhooks.snapshot())) as unknown;
    await first.webhooks.close();

    clock.advance(90 * 60_000);
    const second = await setUp(programs, clock, { state: saved });
    await second.webhooks.outbox.whenIdle();
    clock.advance(hour);
    await second.webhooks.outbox.whenIdle();
    expect(summary(handled(second.receiver))).toEqual([
      ['voucher_program_activated', 'p1', (start + hour) / 1000, 'ACTIVE'],
      ['voucher_program_completed', 'p1', (start + 2 * hour) / 1000, 'COMPLETE'],
    ]);
    expect(second.webhooks.snapshot().last_event_number).toBe(2);
  });

  it('refuses a saved state it does not know', () => {
    expect(() => createSandboxWebhooks({ clock: manualClock(start), programs: () => [], eventId: String, random: Math.random, apiBaseUrl, webhookUrls: [], signingKey, state: { version: 7 } })).toThrow(
      /unknown version/,
    );
  });
});

describe('events caused by calls', () => {
  it('reports a distribution as SUCCESS, PARTIAL_SUCCESS or FAILURE by the reserved-address rule', async () => {
    const clock = manualClock(start);
    const programs = [program('p1', start - 1, start + hour)];
    const { webhooks: events, receiver: partner } = await setUp(programs, clock);
    events.codesDistributed(programs[0]!, [{ email: 'ana@example.com' }, { phone: '+14155550100' }]);
    events.codesDistributed(programs[0]!, [{ email: 'ana@example.com' }, { email: 'bounce@fail.example' }]);
    events.codesDistributed(programs[0]!, [{ phone: '+999 555 0100' }]);
    await events.outbox.whenIdle();
    expect(summary(handled(partner)).map((row) => row[3])).toEqual(['SUCCESS', 'PARTIAL_SUCCESS', 'FAILURE']);
  });

  it('reports a redemption with the rider as meta.user_id', async () => {
    const clock = manualClock(start);
    const programs = [program('p1', start - 1, start + hour)];
    const { webhooks: events, receiver: partner } = await setUp(programs, clock);
    events.codeRedeemed(programs[0]!, 'rider-7');
    await events.outbox.whenIdle();
    expect(handled(partner).map((event) => [event.event_type, event.meta.user_id, event.meta.status])).toEqual([['voucher_program_code_redeemed', 'rider-7', 'REDEEMED']]);
  });

  it.each([
    [{ email: 'someone@fail.example' }, false],
    [{ email: 'SOMEONE@FAIL.EXAMPLE ' }, false],
    [{ email: 'someone@fail.example.com' }, true],
    [{ email: 'someone@notfail.example' }, true],
    [{ phone: '+999 123 4567' }, false],
    [{ phone: '+1 (999) 123-4567' }, true],
    [{ email: 'ok@example.com', phone: '+9991234' }, false],
    [{ email: null, phone: null }, true],
  ])('guest %j reachable: %s', (guest, reachable) => {
    expect(guestReachable(guest)).toBe(reachable);
  });
});

describe('timers on a real sandbox clock', () => {
  it('fires on the wall clock for a real clock, on advances alone for a manual one', () => {
    let wall = start;
    let offset = 0;
    const listeners = new Set<(now: number) => void>();
    const clock = {
      mode: 'real' as const,
      now: () => wall + offset,
      onChange: (listener: (now: number) => void) => (listeners.add(listener), () => void listeners.delete(listener)),
    };
    const armed: { run: () => void; ms: number; cleared: boolean }[] = [];
    const timers = {
      setTimeout: (run: () => void, ms: number) => (armed.push({ run, ms, cleared: false }), armed.length - 1),
      clearTimeout: (handle: unknown) => void (armed[handle as number]!.cleared = true),
    };
    const scheduling = schedulingClock(clock, timers);
    const fired: string[] = [];
    scheduling.schedule(start + 1_000, () => fired.push('a'));
    scheduling.schedule(start + 5_000, () => fired.push('b'));
    expect(armed.map((timer) => timer.ms)).toEqual([1_000, 5_000]);

    wall += 1_000; // the wall clock gets there
    armed[0]!.run();
    expect(fired).toEqual(['a']);

    offset += 10_000; // an advance gets past the other
    for (const listener of listeners) listener(clock.now());
    expect(fired).toEqual(['a', 'b']);
    expect(armed[1]!.cleared).toBe(true);

    const cancel = scheduling.schedule(start + 60_000, () => fired.push('c'));
    cancel();
    offset += 60_000;
    for (const listener of listeners) listener(clock.now());
    expect(fired).toEqual(['a', 'b']);
    scheduling.close();
  });

  it('uses no wall timer for a manual clock', () => {
    const clock = manualClock(start);
    const timers = { setTimeout: () => expect.unreachable('no wall timer for a manual clock'), clearTimeout: () => undefined };
    const scheduling = schedulingClock(clock, timers);
    const fired: number[] = [];
    scheduling.schedule(start + 10, () => fired.push(clock.now()));
    clock.advance(5);
    expect(fired).toEqual([]);
    clock.advance(5);
    expect(fired).toEqual([start + 10]);
    scheduling.close();
  });
});
