import type { RequestListener } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebhookError } from '../src/errors.js';
import type { WebhookDelivery } from '../src/events.js';
import { exampleEvents } from '../src/exampleEvents.js';
import { createWebhookFetchHandler } from '../src/fetchHandler.js';
import { createWebhookNodeHandler } from '../src/nodeHandler.js';
import type { WebhookHandlerOptions } from '../src/receiver.js';
import { sendTestEvent } from '../src/sendTestEvent.js';
import { signWebhookBody } from '../src/signature.js';
import { fetchHandlerListener, listen, readBody, type LoopbackServer } from './loopback.js';

const signingKey = 'whsec_adapter_tests';
const activated = exampleEvents.voucher_program_activated;

const adapters: { name: string; listener(options: WebhookHandlerOptions): RequestListener }[] = [
  { name: 'node:http handler', listener: (options) => createWebhookNodeHandler(options) as RequestListener },
  { name: 'fetch Request handler', listener: (options) => fetchHandlerListener(createWebhookFetchHandler(options)) },
];

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Starts a server whose onEvent records deliveries, and may be told to fail. */
async function serve(adapter: (typeof adapters)[number], options: Partial<WebhookHandlerOptions> = {}) {
  const deliveries: WebhookDelivery[] = [];
  const errors: unknown[] = [];
  server = await listen(
    adapter.listener({
      signingKeys: signingKey,
      onEvent: (delivery) => void deliveries.push(delivery),
      onError: (error) => void errors.push(error),
      ...options,
    }),
  );
  return { url: server.url, deliveries, errors };
}

function post(url: URL, body: string, headers: Record<string, string> = {}) {
  return fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

async function expectRefusal(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(await response.json()).toMatchObject({ code });
}

describe.each(adapters)('$name', (adapter) => {
  it('acknowledges a verified event with an empty 200 and hands it over typed', async () => {
    const { url, deliveries } = await serve(adapter);
    const response = await sendTestEvent({ url, event: activated, signingKey, environment: 'production' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(deliveries).toEqual([{ known: true, event: activated, environment: 'production' }]);
  });

  it('answers 401 for a wrong key or a missing signature, and never calls onEvent', async () => {
    const { url, deliveries, errors } = await serve(adapter);
    await expectRefusal(await sendTestEvent({ url, event: activated, signingKey: 'wrong key' }), 401, 'signature_mismatch');
    await expectRefusal(await post(url, JSON.stringify(activated)), 401, 'signature_missing');
    const upper = signWebhookBody(JSON.stringify(activated), signingKey).toUpperCase();
    expect((await post(url, JSON.stringify(activated), { 'x-uber-signature': upper })).status).toBe(200);
    expect(deliveries).toHaveLength(1);
    expect(errors.map((error) => (error as WebhookError).code)).toEqual(['signature_mismatch', 'signature_missing']);
  });

  it('answers 400 for a signed body that is not an event', async () => {
    const { url, deliveries } = await serve(adapter);
    for (const body of ['', '{"event_id":', '{"event_id":"e"}']) {
      const response = await post(url, body, { 'x-uber-signature': signWebhookBody(body, signingKey) });
      await expectRefusal(response, 400, body.startsWith('{"event_id":"') ? 'event_invalid' : 'body_not_json');
    }
    expect(deliveries).toHaveLength(0);
  });

  it('acknowledges and passes on an unknown event type', async () => {
    const { url, deliveries } = await serve(adapter);
    const future = { ...activated, event_id: 'future-1', event_type: 'voucher_program_paused' };
    expect((await sendTestEvent({ url, event: future, signingKey })).status).toBe(200);
    expect(deliveries).toEqual([{ known: false, event: future, environment: 'sandbox' }]);
  });

  it('handles duplicate deliveries once, including ones in flight at the same time', async () => {
    let calls = 0;
    const { url } = await serve(adapter, {
      onEvent: async () => {
        calls++;
        await new Promise((resolve) => setTimeout(resolve, 30));
      },
    });
    const responses = await Promise.all(Array.from({ length: 4 }, () => sendTestEvent({ url, event: activated, signingKey })));
    responses.push(await sendTestEvent({ url, event: activated, signingKey }));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(calls).toBe(1);
  });

  it('answers 500 when onEvent throws, without its message, and handles the retry', async () => {
    let attempts = 0;
    const { url, errors } = await serve(adapter, {
      onEvent: () => {
        if (++attempts === 1) throw new Error('connection string postgres://user:hunter2@db');
      },
    });
    const failed = await sendTestEvent({ url, event: activated, signingKey });
    expect(failed.status).toBe(500);
    const body = await failed.text();
    expect(JSON.parse(body)).toMatchObject({ code: 'handler_failed' });
    expect(body).not.toContain('hunter2');
    expect((errors[0] as Error).message).toContain('hunter2');
    expect((await sendTestEvent({ url, event: activated, signingKey })).status).toBe(200);
    expect((await sendTestEvent({ url, event: activated, signingKey })).status).toBe(200);
    expect(attempts).toBe(2);
  });

  it('handles every delivery when de-duplication is turned off', async () => {
    const { url, deliveries } = await serve(adapter, { store: false });
    await sendTestEvent({ url, event: activated, signingKey });
    await sendTestEvent({ url, event: activated, signingKey });
    expect(deliveries).toHaveLength(2);
  });

  it('accepts a 1 MB body under the default 1 MiB cap', async () => {
    const { url, deliveries } = await serve(adapter);
    const padding = 'x'.repeat(1_000_000 - JSON.stringify({ ...activated, padding: '' }).length);
    const large = { ...activated, padding };
    expect(JSON.stringify(large)).toHaveLength(1_000_000);
    expect((await sendTestEvent({ url, event: large, signingKey })).status).toBe(200);
    expect(deliveries[0]?.event).toEqual(large);
  });

  it('answers 413 beyond the cap, declared or streamed', async () => {
    const { url, deliveries } = await serve(adapter, { maxBodyBytes: 1024 });
    const big = JSON.stringify({ ...activated, padding: 'x'.repeat(2048) });
    await expectRefusal(await post(url, big, { 'x-uber-signature': signWebhookBody(big, signingKey) }), 413, 'body_too_large');
    // No Content-Length: the cap must hold while reading, too.
    const chunks = [new TextEncoder().encode(big.slice(0, 1000)), new TextEncoder().encode(big.slice(1000))];
    const streamed = await fetch(url, {
      method: 'POST',
      headers: { 'x-uber-signature': signWebhookBody(big, signingKey) },
      body: new ReadableStream({
        pull(controller) {
          const chunk = chunks.shift();
          if (chunk) controller.enqueue(chunk);
          else controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    await expectRefusal(streamed, 413, 'body_too_large');
    expect(deliveries).toHaveLength(0);
  });

  it('answers 405 to anything but POST', async () => {
    const { url } = await serve(adapter);
    const response = await fetch(url);
    await expectRefusal(response, 405, 'method_not_allowed');
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('refuses options that cannot work when it is created', () => {
    expect(() => adapter.listener({ signingKeys: [], onEvent: () => undefined })).toThrow(TypeError);
    expect(() => adapter.listener({ signingKeys: 'k', onEvent: () => undefined, maxBodyBytes: 0 })).toThrow(RangeError);
  });
});

describe('node:http handler behind a framework that read the body', () => {
  const body = JSON.stringify(activated);

  it('takes the raw Buffer that express.raw() leaves on req.body', async () => {
    const deliveries: WebhookDelivery[] = [];
    const handler = createWebhookNodeHandler({ signingKeys: signingKey, onEvent: (d) => void deliveries.push(d) });
    server = await listen(async (request, response) => {
      Object.assign(request, { body: await readBody(request) });
      await handler(request, response);
    });
    const response = await sendTestEvent({ url: server.url, event: activated, signingKey });
    expect(response.status).toBe(200);
    expect(deliveries).toHaveLength(1);
  });

  it('answers 500 with a clear error when a JSON parser got there first', async () => {
    const errors: unknown[] = [];
    const handler = createWebhookNodeHandler({
      signingKeys: signingKey,
      onEvent: () => undefined,
      onError: (error) => void errors.push(error),
    });
    server = await listen(async (request, response) => {
      Object.assign(request, { body: JSON.parse(new TextDecoder().decode(await readBody(request))) });
      await handler(request, response);
    });
    const response = await post(server.url, body, { 'x-uber-signature': signWebhookBody(body, signingKey) });
    await expectRefusal(response, 500, 'body_unavailable');
    expect((errors[0] as Error).message).toMatch(/express\.raw/);
  });
});
