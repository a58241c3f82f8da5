import { schedulingClock, type ObservableClock, type WallTimers } from './clockScheduling.js';
import type { DeliveryAttempt, WebhookDelivery, WebhookOutboxState } from './delivery.js';
import { WebhookOutboxStateError } from './outboxState.js';
import {
  codeRedeemedEvent,
  codesDistributedEvent,
  crossingEvent,
  distributionStatus,
  nextProgramCrossing,
  programActivatedEvent,
  programCrossings,
  type ProgramTimes,
} from './programEvents.js';
import type { RetrySchedule } from './retrySchedule.js';
import { createWebhookOutbox, type WebhookOutbox } from './webhookOutbox.js';

export interface SandboxWebhooksOptions {
  clock: ObservableClock;
  /** Every program of every organization, read when the clock moves. */
  programs: () => Iterable<ProgramTimes>;
  /** The id of the n-th event (1-based): the sandbox derives it from its seed. */
  eventId: (serial: number) => string;
  /** Seeded numbers in [0, 1) for `shuffle`. */
  random: () => number;
  /** The API's base URL, for `resource_href`. */
  apiBaseUrl: string;
  webhookUrls: readonly string[];
  /** Required with URLs. */
  signingKey?: string | undefined;
  deliverTwice?: boolean;
  shuffle?: boolean;
  timeoutMs?: number;
  retry?: Partial<RetrySchedule>;
  /** From `snapshot()`, to carry on after a restart. */
  state?: unknown;
  onAttempt?: (delivery: WebhookDelivery, attempt: DeliveryAttempt) => void;
  fetch?: typeof fetch;
  timers?: WallTimers;
}

export interface SandboxWebhooksState {
  version: 1;
  /** Program starts and ends up to here have had their events. */
  checked_up_to: number;
  last_event_number: number;
  outbox: WebhookOutboxState;
}

export interface SandboxWebhooks {
  readonly outbox: WebhookOutbox;
  /** Call after any call that may create, change or cancel a program: catches up and re-arms the timer. */
  programsChanged(): void;
  /** Call after a program is created: one that starts at once (or already started) is activated now. */
  programCreated(program: ProgramTimes): void;
  /** Call after distribute, with the guests it was meant to reach. */
  codesDistributed(program: ProgramTimes, guests: readonly { email?: string | null; phone?: string | null }[]): void;
  /** Call after a rider redeemed a code of the program, or a trip used it (`at`: when the trip ended; now by default). */
  codeRedeemed(program: ProgramTimes, riderId: string, at?: number): void;
  snapshot(): SandboxWebhooksState;
  close(): Promise<void>;
}

/**
 * The events the sandbox's state causes, delivered through the outbox: activation and completion
 * as the clock crosses `starts_at` and `ends_at` (with `event_time` the moment crossed, however
 * far the clock jumped), distribution and redemption as the calls happen.
 */
export function createSandboxWebhooks(options: SandboxWebhooksOptions): SandboxWebhooks {
  const { clock } = options;
  const saved = options.state === undefined ? undefined : checkedState(options.state);
  const scheduling = schedulingClock(clock, options.timers);
  const outbox = createWebhookOutbox({
    urls: options.webhookUrls,
    signingKey: options.signingKey,
    clock: scheduling,
    random: options.random,
    ...(options.deliverTwice !== undefined ? { deliverTwice: options.deliverTwice } : {}),
    ...(options.shuffle !== undefined ? { shuffle: options.shuffle } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.onAttempt ? { onAttempt: options.onAttempt } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(saved ? { state: saved.outbox } : {}),
  });
  let checked_up_to = saved?.checked_up_to ?? clock.now();
  let last_event_number = saved?.last_event_number ?? 0;
  let cancelTimer: (() => void) | undefined;
  const eventInput = (at: number, program: ProgramTimes) => ({
    eventId: options.eventId((last_event_number += 1)),
    at,
    apiBaseUrl: options.apiBaseUrl,
    organizationId: program.organizationId,
    voucherProgramId: program.voucherProgramId,
  });

  function catchUp(): void {
    const now = clock.now();
    if (now <= checked_up_to) return;
    for (const crossing of programCrossings(options.programs(), checked_up_to, now)) {
      outbox.enqueue(crossingEvent(crossing, { eventId: options.eventId((last_event_number += 1)), apiBaseUrl: options.apiBaseUrl }));
    }
    checked_up_to = now;
  }

  /** One timer, at the next start or end, so a real clock raises events as time passes. */
  function rearm(): void {
    cancelTimer?.();
    const next = nextProgramCrossing(options.programs(), checked_up_to);
    cancelTimer = next === undefined ? undefined : scheduling.schedule(next, programsChanged);
  }

  function programsChanged(): void {
    catchUp();
    rearm();
  }

  const unsubscribe = clock.onChange(programsChanged);
  programsChanged();

  return {
    outbox,
    programsChanged,
    programCreated(program) {
      const before = checked_up_to;
      catchUp();
      // A start after `before` was just caught up; one at or before it would be missed otherwise.
      if (program.startsAt <= before && program.endsAt > before && program.canceledAt === null) {
        outbox.enqueue(programActivatedEvent(eventInput(clock.now(), program)));
      }
      rearm();
    },
    codesDistributed(program, guests) {
      programsChanged();
      outbox.enqueue(codesDistributedEvent({ ...eventInput(clock.now(), program), status: distributionStatus(guests) }));
    },
    codeRedeemed(program, riderId, at = clock.now()) {
      programsChanged();
      outbox.enqueue(codeRedeemedEvent({ ...eventInput(at, program), riderId }));
    },
    snapshot: () => ({ version: 1, checked_up_to, last_event_number, outbox: outbox.snapshot() }),
    async close() {
      unsubscribe();
      cancelTimer?.();
      scheduling.close();
      await outbox.close();
    },
  };
}

function checkedState(value: unknown): SandboxWebhooksState {
  const state = value as Partial<SandboxWebhooksState> | null;
  if (typeof state !== 'object' || state === null || state.version !== 1) throw new WebhookOutboxStateError('the webhooks state has an unknown version (expected 1).');
  if (!Number.isSafeInteger(state.checked_up_to)) throw new WebhookOutboxStateError('the webhooks state has no checked_up_to time.');
  if (!Number.isSafeInteger(state.last_event_number) || state.last_event_number! < 0) throw new WebhookOutboxStateError('the webhooks state has no last_event_number.');
  // The outbox checks its own part field by field.
  return state as SandboxWebhooksState;
}
