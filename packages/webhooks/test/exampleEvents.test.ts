import { describe, expect, it } from 'vitest';
import { voucherWebhookEventTypes } from '../src/events.js';
import { exampleEvents } from '../src/exampleEvents.js';
import { specWebhooks } from './specExamples.js';

// The examples are copied into the package (no runtime dependency on the spec); these tests keep
// the copy and the spec from drifting apart.
describe('exampleEvents', () => {
  const webhooks = specWebhooks();

  it('has one example for each webhook in the spec, and no other', () => {
    expect(Object.keys(exampleEvents).sort()).toEqual(webhooks.map((webhook) => webhook.eventType).sort());
    expect([...voucherWebhookEventTypes].sort()).toEqual(webhooks.map((webhook) => webhook.eventType).sort());
  });

  it.each(specWebhooks())('equals the spec example of $name', ({ eventType, example }) => {
    expect(exampleEvents[eventType as keyof typeof exampleEvents]).toEqual(example);
  });

  it('is frozen, so one test cannot change another test’s example', () => {
    expect(Object.isFrozen(exampleEvents.voucher_program_code_redeemed.meta)).toBe(true);
  });
});
