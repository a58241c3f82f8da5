import { expect } from 'vitest';
import { verifyWebhook, type WebhookDelivery } from '@voucher-programs/webhooks';
import type { PartnerReceiver } from './receiver.js';
import { webhookBodyProblems } from './specSchema.js';

/**
 * The events the receiver's handler ran for, in arrival order, after checking every request that
 * reached it: the spec's webhook schema (Ajv 2020) and the webhooks package's own verifier.
 */
export function checkedEvents(partner: PartnerReceiver, signingKey: string): WebhookDelivery['event'][] {
  for (const request of partner.requests) {
    expect(webhookBodyProblems(JSON.parse(request.rawBody))).toEqual([]);
    verifyWebhook({ rawBody: request.rawBody, signature: request.headers['x-uber-signature'] as string, environment: request.headers['x-environment'] as string, signingKeys: signingKey });
  }
  return partner.handled.map((delivery) => delivery.event);
}
