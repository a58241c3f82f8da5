import { describe, expect, it } from 'vitest';
import { createWebhookOutbox, WebhookOutboxStateError, type WebhookOutboxState } from '../../../src/sandbox/webhooks/index.js';
import { distinctEvents } from './support/events.js';
import { manualClock, seededRandom } from './support/manualClock.js';

const start = Date.UTC(2027, 0, 1);
const options = { urls: [], signingKey: 'whsec_state_tests', random: seededRandom(3) };

function savedState(): WebhookOutboxState {
  const event = distinctEvents(1)[0]!;
  return {
    version: 1,
    last_delivery_number: 1,
    deliveries: [
      {
        delivery_id: 'delivery-1',
        event_id: event.event_id,
        event_type: event.event_type,
        url: 'http://127.0.0.1:9/hook',
        copy: 1,
        enqueued_at: start,
        state: 'pending',
        attempts: [{ at: start, due_at: start, status: 500, error: 'answered 500', acknowledged: false }],
        next_attempt_at: start + 30_000,
        event,
      },
    ],
  };
}

function restore(state: unknown): void {
  void createWebhookOutbox({ ...options, clock: manualClock(start), state }).close();
}

describe('webhook outbox state', () => {
  it('restores what snapshot wrote, unchanged', async () => {
    const box = createWebhookOutbox({ ...options, clock: manualClock(start), state: savedState() });
    expect(box.snapshot()).toEqual(savedState());
    await box.close();
  });

  it('refuses to restore waiting deliveries without a key to sign them', () => {
    expect(() => createWebhookOutbox({ ...options, signingKey: undefined, clock: manualClock(start), state: savedState() })).toThrow(/1 deliveries waiting; a webhook signing key is required/);
  });

  it.each([
    ['not an object', [], /the outbox state must be an object/],
    ['an unknown version', { ...savedState(), version: 2 }, /unknown version/],
    ['no deliveries', { version: 1, last_delivery_number: 0 }, /no deliveries list/],
    ['a bad state', edit((d) => (d['state'] = 'lost')), /deliveries\[0\]\.state must be pending, delivered or failed/],
    ['pending with no next attempt', edit((d) => (d['next_attempt_at'] = null)), /deliveries\[0\]\.next_attempt_at must be a time when pending/],
    ['delivered with a next attempt', edit((d) => (d['state'] = 'delivered')), /deliveries\[0\]\.next_attempt_at/],
    ['a bad URL', edit((d) => (d['url'] = 'nowhere')), /deliveries\[0\]\.url is not a URL/],
    ['an event id that is not the event', edit((d) => (d['event_id'] = 'other')), /event_id differs/],
    ['an attempt without a time', edit((d) => (d['attempts'] = [{ acknowledged: false }])), /deliveries\[0\]\.attempts\[0\]\.at must be a time/],
    ['a negative sequence', { ...savedState(), last_delivery_number: -1 }, /last_delivery_number must be an integer/],
    ['a repeated delivery id', { ...savedState(), deliveries: [...savedState().deliveries, ...savedState().deliveries] }, /delivery-1 appears twice/],
  ])('refuses a state with %s, naming the field', (_name, state, message) => {
    expect(() => restore(state)).toThrow(WebhookOutboxStateError);
    expect(() => restore(state)).toThrow(message);
  });
});

function edit(change: (delivery: Record<string, unknown>) => void): unknown {
  const state = savedState() as unknown as { deliveries: Record<string, unknown>[] };
  change(state.deliveries[0]!);
  return state;
}
