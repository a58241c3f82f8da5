import { WebhookError } from './errors.js';
import type { WebhookDelivery } from './events.js';
import { createMemoryEventStore, type WebhookEventStore } from './eventStore.js';
import { handleEventOnce } from './handleEventOnce.js';
import { normalizeSigningKeys, type SigningKeys } from './signature.js';
import { verifyWebhook } from './verifyWebhook.js';

export interface WebhookHandlerOptions {
  /** The webhook signing key, or several (signing key and client secret; old and new during rotation). */
  signingKeys: SigningKeys;
  /** Called once per `event_id` with a verified event; throw to have Uber retry it. */
  onEvent(delivery: WebhookDelivery): unknown;
  /** Where handled ids are kept. Default: an in-memory store; `false` turns de-duplication off. */
  store?: WebhookEventStore | false;
  /** Largest body accepted, in bytes; larger ones get 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Sees every refused delivery and every handler failure, e.g. to log them. */
  onError?(error: unknown): void;
}

export interface ReceivedWebhook {
  method: string;
  rawBody: Uint8Array | string;
  signature: string | null | undefined;
  environment: string | null | undefined;
}

/** What an adapter writes back: an empty 200, or a small JSON error with no secrets in it. */
export interface WebhookReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const defaultMaxBodyBytes = 1024 * 1024;

export interface WebhookReceiver {
  readonly maxBodyBytes: number;
  receive(input: ReceivedWebhook): Promise<WebhookReply>;
  refuse(error: unknown): WebhookReply;
}

/** The adapter-independent part: verify, parse, de-duplicate, handle, and choose the status. */
export function createWebhookReceiver(options: WebhookHandlerOptions): WebhookReceiver {
  const signingKeys = normalizeSigningKeys(options.signingKeys);
  const store = options.store === false ? undefined : (options.store ?? createMemoryEventStore());
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new RangeError('maxBodyBytes must be a positive integer.');
  }

  function refuse(error: unknown): WebhookReply {
    try {
      options.onError?.(error);
    } catch {
      // A failing logger must not change what Uber is told.
    }
    if (error instanceof WebhookError) return errorReply(error.status, error.code, error.message);
    return errorReply(500, 'handler_failed', 'The webhook handler failed; the event will be retried.');
  }

  async function receive(input: ReceivedWebhook): Promise<WebhookReply> {
    if (input.method !== 'POST') {
      return { ...errorReply(405, 'method_not_allowed', 'Webhooks are delivered with POST.'), headers: { ...jsonHeaders, allow: 'POST' } };
    }
    let delivery: WebhookDelivery;
    try {
      delivery = verifyWebhook({ ...input, signingKeys });
    } catch (error) {
      return refuse(error);
    }
    try {
      if (store) await handleEventOnce(store, delivery.event.event_id, () => options.onEvent(delivery));
      else await options.onEvent(delivery);
    } catch (error) {
      return refuse(error);
    }
    return { status: 200, headers: {}, body: '' };
  }

  return { maxBodyBytes, receive, refuse };
}

const jsonHeaders = { 'content-type': 'application/json; charset=utf-8' };

function errorReply(status: number, code: string, message: string): WebhookReply {
  return { status, headers: { ...jsonHeaders }, body: JSON.stringify({ code, message }) };
}
