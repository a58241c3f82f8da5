import type { components } from '@voucher-programs/spec/sandbox-control';
import type { EngineAnswer } from '../engine.js';
import type { ValidatedRequest } from '../engineMock.js';
import type { WebhookOutbox } from './webhookOutbox.js';

type Schemas = components['schemas'];

/** The control API's webhook operations (spec-sandbox/openapi.yaml, tag `webhooks`). */
export const webhookControlHandlers = {
  listWebhookDeliveries: (target: { webhooks: WebhookOutbox }, request: ValidatedRequest): EngineAnswer => {
    const state = request.query['state'];
    const deliveries = target.webhooks.deliveries().filter((delivery) => state === undefined || delivery.state === state);
    return { status: 200, body: { deliveries } satisfies Schemas['WebhookDeliveryList'] };
  },
  retryWebhookDeliveries: (target: { webhooks: WebhookOutbox }): EngineAnswer => ({
    status: 202,
    body: { sending: target.webhooks.sendPendingNow() } satisfies Schemas['WebhookRetryStarted'],
  }),
};
