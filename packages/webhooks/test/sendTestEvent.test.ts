import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { exampleEvents } from '../src/exampleEvents.js';
import { sendTestEvent } from '../src/sendTestEvent.js';
import { signWebhookBody } from '../src/signature.js';
import { listen, readBody, type LoopbackServer } from './loopback.js';

const signingKey = 'whsec_send_tests';
const event = exampleEvents.voucher_program_code_distributed;

interface Received {
  method: string | undefined;
  headers: IncomingMessage['headers'];
  body: Uint8Array;
}

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A bare server that records what arrives, to check the request independently of our verifier. */
async function recordingServer(): Promise<{ url: URL; received: Received[] }> {
  const received: Received[] = [];
  server = await listen(async (request, response) => {
    received.push({ method: request.method, headers: request.headers, body: await readBody(request) });
    response.writeHead(200).end();
  });
  return { url: server.url, received };
}

describe('sendTestEvent', () => {
  it('posts the event as JSON with a signature over the bytes sent and the environment', async () => {
    const { url, received } = await recordingServer();
    const response = await sendTestEvent({ url: url.href, event, signingKey });
    expect(response.status).toBe(200);
    const [request] = received;
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-environment']).toBe('sandbox');
    expect(JSON.parse(new TextDecoder().decode(request!.body))).toEqual(event);
    expect(request?.headers['x-uber-signature']).toBe(signWebhookBody(request!.body, signingKey));
  });

  it('sends the environment asked for', async () => {
    const { url, received } = await recordingServer();
    await sendTestEvent({ url, event, signingKey, environment: 'production' });
    expect(received[0]?.headers['x-environment']).toBe('production');
  });

  it('uses the fetch it is given', async () => {
    const requests: Request[] = [];
    const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
      requests.push(new Request(input, init));
      return new Response(null, { status: 204 });
    }) as typeof fetch;
    const response = await sendTestEvent({ url: 'http://partner.invalid/hook', event, signingKey, fetch: fakeFetch });
    expect(response.status).toBe(204);
    expect(requests[0]?.url).toBe('http://partner.invalid/hook');
    expect(requests[0]?.headers.get('x-uber-signature')).toBe(signWebhookBody(JSON.stringify(event), signingKey));
  });

  it('gives up when its signal aborts', async () => {
    server = await listen(() => {
      // Never answers.
    });
    const sending = sendTestEvent({ url: server.url, event, signingKey, signal: AbortSignal.timeout(100) });
    await expect(sending).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('refuses a bad URL, environment or key before sending anything', async () => {
    let sent = 0;
    const countingFetch = (async () => {
      sent++;
      return new Response(null);
    }) as typeof fetch;
    await expect(sendTestEvent({ url: 'not a url', event, signingKey, fetch: countingFetch })).rejects.toThrow(TypeError);
    await expect(
      sendTestEvent({ url: 'http://x.invalid', event, signingKey, environment: 'staging' as 'sandbox', fetch: countingFetch }),
    ).rejects.toThrow(/production.*sandbox/);
    await expect(sendTestEvent({ url: 'http://x.invalid', event, signingKey: '', fetch: countingFetch })).rejects.toThrow(
      /must not be empty/,
    );
    expect(sent).toBe(0);
  });
});
