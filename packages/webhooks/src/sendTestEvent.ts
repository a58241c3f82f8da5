import type { UnknownWebhookEvent, VoucherWebhookEvent, WebhookEnvironment } from './events.js';
import { signWebhookBody } from './signature.js';

export interface SendTestEventOptions {
  /** The partner's webhook endpoint. */
  url: string | URL;
  /** The event to send; `exampleEvents` has one of each documented type. */
  event: VoucherWebhookEvent | UnknownWebhookEvent | Record<string, unknown>;
  /** The key the endpoint verifies with. */
  signingKey: string;
  /** Sent as `X-Environment`. Default `sandbox`. */
  environment?: WebhookEnvironment;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/** Sends `event` the way Uber does: JSON body, `X-Uber-Signature`, `X-Environment`. */
export async function sendTestEvent(options: SendTestEventOptions): Promise<Response> {
  const url = new URL(options.url);
  const environment = options.environment ?? 'sandbox';
  if (environment !== 'production' && environment !== 'sandbox') {
    throw new TypeError('environment must be "production" or "sandbox".');
  }
  const body = JSON.stringify(options.event);
  const signature = signWebhookBody(body, options.signingKey);
  const send = options.fetch ?? fetch;
  return send(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-uber-signature': signature,
      'x-environment': environment,
    },
    body,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
