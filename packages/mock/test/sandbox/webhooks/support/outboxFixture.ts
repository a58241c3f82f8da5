import { afterEach } from 'vitest';
import { createWebhookOutbox, type WebhookOutbox, type WebhookOutboxOptions } from '../../../../src/sandbox/webhooks/index.js';
import { seededRandom, type ManualClock } from './manualClock.js';
import { startPartnerReceiver, type PartnerReceiver } from './receiver.js';

/** Receivers and outboxes for one test file, each closed after every test. */
export function useOutboxFixture(signingKey: string, seed: number) {
  let receivers: PartnerReceiver[] = [];
  let outboxes: WebhookOutbox[] = [];
  afterEach(async () => {
    await Promise.all(outboxes.map((outbox) => outbox.close()));
    await Promise.all(receivers.map((receiver) => receiver.close()));
    receivers = [];
    outboxes = [];
  });
  return {
    async receiver(): Promise<PartnerReceiver> {
      const started = await startPartnerReceiver(signingKey);
      receivers.push(started);
      return started;
    },
    outbox(urls: string[], clock: ManualClock, options: Partial<WebhookOutboxOptions> = {}): WebhookOutbox {
      const created = createWebhookOutbox({ urls, signingKey, clock, random: seededRandom(seed), ...options });
      outboxes.push(created);
      return created;
    },
    /** Closed with the rest after the test. */
    adopt(outbox: WebhookOutbox): WebhookOutbox {
      outboxes.push(outbox);
      return outbox;
    },
  };
}
