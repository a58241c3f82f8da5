import { bodyTooLarge, CappedBody, checkContentLength } from './bodyLimit.js';
import { createWebhookReceiver, type WebhookHandlerOptions } from './receiver.js';

/**
 * A handler for fetch-style servers (Hono, Next.js route handlers, Bun, Deno, workers):
 * an empty 200 when handled, 4xx for a bad delivery, 5xx when `onEvent` throws.
 */
export function createWebhookFetchHandler(options: WebhookHandlerOptions): (request: Request) => Promise<Response> {
  const receiver = createWebhookReceiver(options);
  return async (request) => {
    let rawBody: Uint8Array;
    try {
      checkContentLength(request.headers.get('content-length'), receiver.maxBodyBytes);
      rawBody = await readCappedBody(request, receiver.maxBodyBytes);
    } catch (error) {
      return toResponse(receiver.refuse(error));
    }
    const reply = await receiver.receive({
      method: request.method,
      rawBody,
      signature: request.headers.get('x-uber-signature'),
      environment: request.headers.get('x-environment'),
    });
    return toResponse(reply);
  };
}

async function readCappedBody(request: Request, maxBodyBytes: number): Promise<Uint8Array> {
  if (request.body === null) return new Uint8Array(0);
  const body = new CappedBody(maxBodyBytes);
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return body.bytes();
    if (!body.push(value)) {
      await reader.cancel();
      throw bodyTooLarge(maxBodyBytes);
    }
  }
}

function toResponse(reply: { status: number; headers: Record<string, string>; body: string }): Response {
  return new Response(reply.body === '' ? null : reply.body, { status: reply.status, headers: reply.headers });
}
