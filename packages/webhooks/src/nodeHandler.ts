import type { IncomingMessage, ServerResponse } from 'node:http';
import { asBytes } from './bytes.js';
import { bodyTooLarge, CappedBody, checkContentLength } from './bodyLimit.js';
import { WebhookError } from './errors.js';
import { createWebhookReceiver, type WebhookHandlerOptions, type WebhookReply } from './receiver.js';

/** A request whose body a framework may already have read (Express with `express.raw()`). */
type NodeWebhookRequest = IncomingMessage & { body?: unknown };

/**
 * A `node:http` request handler (also usable as an Express or Connect route): reads the raw body
 * itself, or takes the Buffer left by `express.raw()`, and never parses before verifying.
 */
export function createWebhookNodeHandler(
  options: WebhookHandlerOptions,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const receiver = createWebhookReceiver(options);
  return async (request, response) => {
    let reply: WebhookReply;
    try {
      const rawBody = await readRawBody(request, receiver.maxBodyBytes);
      reply = await receiver.receive({
        method: request.method ?? '',
        rawBody,
        signature: singleHeader(request.headers['x-uber-signature']),
        environment: singleHeader(request.headers['x-environment']),
      });
    } catch (error) {
      reply = receiver.refuse(error);
      // The rest of an oversized body is not worth reading: close the connection instead.
      if (error instanceof WebhookError && error.code === 'body_too_large') reply.headers['connection'] = 'close';
    }
    if (response.headersSent) return;
    response.writeHead(reply.status, reply.headers).end(reply.body);
  };
}

function readRawBody(request: NodeWebhookRequest, maxBodyBytes: number): Promise<Uint8Array> {
  if (request.body instanceof Uint8Array) {
    if (request.body.byteLength > maxBodyBytes) return Promise.reject(bodyTooLarge(maxBodyBytes));
    return Promise.resolve(request.body);
  }
  if (request.body !== undefined || request.readableEnded) {
    return Promise.reject(
      new WebhookError(
        'body_unavailable',
        'The request body was already read or parsed before the webhook handler, so its signature cannot be checked; ' +
          "mount the handler before any body parser, or with express.raw({ type: 'application/json' }).",
      ),
    );
  }
  try {
    checkContentLength(request.headers['content-length'], maxBodyBytes);
  } catch (error) {
    return Promise.reject(error);
  }
  return new Promise((resolve, reject) => {
    const body = new CappedBody(maxBodyBytes);
    const onData = (chunk: Buffer): void => {
      if (body.push(asBytes(chunk))) return;
      request.off('data', onData);
      reject(bodyTooLarge(maxBodyBytes));
    };
    request.on('data', onData);
    request.once('end', () => resolve(body.bytes()));
    request.once('error', reject);
  });
}

/** Node joins repeated headers; a repeated signature then fails the length check, as it should. */
function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
