import { afterEach, expect, it } from 'vitest';
import { createWebhookNodeHandler, exampleEvents, sendTestEvent } from '../src/index.js';
import { listen, type LoopbackServer } from './loopback.js';

// The README's complete handler, with its two helpers recorded: it must compile and behave.
const calls: string[] = [];
const recordRedemption = async (programId: string, riderId: string | undefined) => void calls.push(`redeemed ${programId} ${riderId}`);
const refresh = async (resourceHref: string) => void calls.push(`refresh ${resourceHref}`);
const env = { UBER_WEBHOOK_SIGNING_KEY: 'whsec_readme', UBER_CLIENT_SECRET: 'client-secret' };

const handleWebhook = createWebhookNodeHandler({
  signingKeys: [env.UBER_WEBHOOK_SIGNING_KEY, env.UBER_CLIENT_SECRET],
  async onEvent({ known, event, environment }) {
    if (!known || environment === 'sandbox') return; // newer event types are acknowledged, not refused
    switch (event.event_type) {
      case 'voucher_program_code_redeemed':
        return recordRedemption(event.meta.resource_id, event.meta.user_id);
      case 'voucher_program_code_distributed':
      case 'voucher_program_activated':
      case 'voucher_program_completed':
        return refresh(event.resource_href); // events arrive unordered: fetch the current state
    }
  },
});

let server: LoopbackServer | undefined;
afterEach(() => server?.close());

it('the README handler handles production events signed with either key and skips the rest', async () => {
  server = await listen(handleWebhook);
  const send = (event: Record<string, unknown>, signingKey: string, environment: 'production' | 'sandbox') =>
    sendTestEvent({ url: server!.url, event, signingKey, environment }).then((response) => response.status);
  const redeemed = exampleEvents.voucher_program_code_redeemed;
  expect(await send(redeemed, env.UBER_CLIENT_SECRET, 'production')).toBe(200);
  expect(await send(exampleEvents.voucher_program_completed, env.UBER_WEBHOOK_SIGNING_KEY, 'sandbox')).toBe(200);
  expect(await send({ ...redeemed, event_id: 'new', event_type: 'voucher_program_paused' }, env.UBER_WEBHOOK_SIGNING_KEY, 'production')).toBe(200);
  expect(await send(exampleEvents.voucher_program_activated, 'not a configured key', 'production')).toBe(401);
  expect(calls).toEqual([`redeemed ${redeemed.meta.resource_id} ${redeemed.meta.user_id}`]);
});
