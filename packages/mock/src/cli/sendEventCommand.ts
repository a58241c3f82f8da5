import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { exampleEvents, readAcknowledgement, sendTestEvent, signWebhookBody, voucherWebhookEventTypes, type VoucherWebhookEventType } from '@voucher-programs/webhooks';
import { parseCommandLine } from './parseCommandLine.js';
import { UsageError } from './usage.js';

export const defaultSigningKeyVariable = 'UBER_WEBHOOK_SIGNING_KEY';
// Uber gives an endpoint 10 s to answer before it counts the delivery as failed.
const deliveryTimeoutMs = 10_000;

/** What went wrong on the network, from fetch's error and its cause (fetch itself only says "fetch failed"). */
function networkCause(error: unknown): string {
  const failure = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (failure.name === 'TimeoutError') return `no answer within ${deliveryTimeoutMs / 1000} s`;
  const cause = failure.cause;
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused (is the endpoint running?)',
    ENOTFOUND: 'host not found',
    ECONNRESET: 'the connection was reset',
    EAI_AGAIN: 'the host name could not be resolved right now',
    CERT_HAS_EXPIRED: 'its TLS certificate has expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  };
  if (cause?.code) return `${known[cause.code] ?? cause.message ?? 'network error'} (${cause.code})`;
  return cause?.message ?? failure.message ?? String(error);
}

/** Signs an example (or given) webhook event and POSTs it to a partner's endpoint. */
export async function sendEventCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandLine(args, {
    event: { type: 'string' },
    'signing-key-env': { type: 'string' },
    environment: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'keep-event-id': { type: 'boolean' },
  });
  const [endpoint, extra] = positionals;
  if (endpoint === undefined) throw new UsageError('send-event needs the URL of your webhook endpoint');
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  if (!URL.canParse(endpoint) || !/^https?:$/.test(new URL(endpoint).protocol)) throw new UsageError(`"${endpoint}" is not an http(s) URL`);
  if (values.event === undefined) throw new UsageError(`--event is required: one of ${voucherWebhookEventTypes.join(', ')}, or a JSON file`);
  const environment = values.environment ?? 'sandbox';
  if (environment !== 'sandbox' && environment !== 'production') {
    throw new UsageError(`--environment must be sandbox or production, not "${environment}"`);
  }
  const keyVariable = values['signing-key-env'] ?? defaultSigningKeyVariable;
  const signingKey = process.env[keyVariable];
  if (!signingKey) throw new UsageError(`set the signing key in the environment variable ${keyVariable}`);
  const loaded = await loadEvent(values.event);
  // A receiver that handles each event_id once would drop a second send of the same example.
  const event = values['keep-event-id'] ? loaded : { ...loaded, event_id: randomUUID() };

  if (values['dry-run']) {
    const body = JSON.stringify(event);
    process.stdout.write(`X-Uber-Signature: ${signWebhookBody(body, signingKey)}\nX-Environment: ${environment}\n\n${body}\n`);
    return;
  }
  const couldNotDeliver = (error: unknown): never => {
    throw new Error(`could not deliver ${event.event_type as string} to ${endpoint}: ${networkCause(error)}`);
  };
  const signal = AbortSignal.timeout(deliveryTimeoutMs);
  const response = await sendTestEvent({ url: endpoint, event, signingKey, environment, signal }).catch(couldNotDeliver);
  // The sandbox's outbox judges its deliveries by the same rule, so both say the same of an endpoint.
  const answer = await readAcknowledgement(response).catch(couldNotDeliver);
  const outcome = answer.acknowledged ? 'acknowledged' : `NOT acknowledged (Uber would retry): ${answer.reason}`;
  process.stdout.write(`${event.event_type as string} -> ${endpoint}: ${answer.status} ${outcome}\n`);
  if (!answer.acknowledged) process.exitCode = 1;
}

async function loadEvent(nameOrFile: string): Promise<Record<string, unknown>> {
  if ((voucherWebhookEventTypes as readonly string[]).includes(nameOrFile)) {
    return exampleEvents[nameOrFile as VoucherWebhookEventType] as unknown as Record<string, unknown>;
  }
  let text: string;
  try {
    text = await readFile(nameOrFile, 'utf8');
  } catch {
    throw new UsageError(`--event "${nameOrFile}" is neither an event type (${voucherWebhookEventTypes.join(', ')}) nor a readable file`);
  }
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${nameOrFile} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof event !== 'object' || event === null || typeof (event as { event_type?: unknown }).event_type !== 'string') {
    throw new UsageError(`${nameOrFile} does not hold a webhook event (an object with an event_type)`);
  }
  return event as Record<string, unknown>;
}
