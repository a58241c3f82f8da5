import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { arrayBuffer } from 'node:stream/consumers';
import { createMemoryEventStore, createWebhookNodeHandler, type WebhookDelivery } from '@voucher-programs/webhooks';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  rawBody: string;
}

export interface PartnerReceiver {
  url: string;
  /** Every request that reached the server, before any check. */
  requests: ReceivedRequest[];
  /** Events the de-duplicating handler ran `onEvent` for: once per event_id if all is well. */
  handled: WebhookDelivery[];
  /**
   * What the server does with the next requests: hand them to the handler (the default), answer
   * with a fixed status and body, or never answer.
   */
  behaviour: 'handler' | 'hang' | { status: number; body?: string };
  /** Stops listening, so deliveries meet a refused connection. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A partner's receiver as the webhooks package's README builds it, on a loopback port: signature
 * check, parsing and de-duplication are the package's own, not the test's.
 */
export async function startPartnerReceiver(signingKey: string): Promise<PartnerReceiver> {
  const requests: ReceivedRequest[] = [];
  const handled: WebhookDelivery[] = [];
  const handler = createWebhookNodeHandler({
    signingKeys: signingKey,
    store: createMemoryEventStore(),
    onEvent: (delivery) => void handled.push(delivery),
  });
  let server: Server | undefined;
  let port = 0;

  async function up(): Promise<void> {
    const listening = createServer(async (request, response) => {
      const rawBody = Buffer.from(await arrayBuffer(request));
      requests.push({ headers: request.headers, rawBody: rawBody.toString('utf8') });
      const { behaviour } = receiver;
      if (behaviour === 'hang') return;
      if (behaviour !== 'handler') return void response.writeHead(behaviour.status).end(behaviour.body ?? '');
      // The handler takes a raw Buffer body left by a framework, as with express.raw().
      Object.assign(request, { body: rawBody });
      await handler(request, response);
    });
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(port, '127.0.0.1', () => resolve());
    });
    port = (listening.address() as AddressInfo).port;
    server = listening;
  }

  async function down(): Promise<void> {
    const closing = server;
    server = undefined;
    if (!closing) return;
    closing.closeAllConnections();
    await new Promise<void>((resolve, reject) => closing.close((error) => (error ? reject(error) : resolve())));
  }

  const receiver: PartnerReceiver = { url: '', requests, handled, behaviour: 'handler', down, up, close: down };
  await up();
  receiver.url = `http://127.0.0.1:${port}/webhooks/uber`;
  return receiver;
}
