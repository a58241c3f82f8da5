import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { exampleEvents, sendTestEvent, signWebhookBody, voucherWebhookEventTypes, type VoucherWebhookEventType } from '@voucher-programs/webhooks';
import { UsageError } from './usage.js';

export const defaultSigningKeyVariable = 'UBER_WEBHOOK_SIGNING_KEY';

/** Signs an example (or given) webhook event and POSTs it to a partner's endpoint. */
export async function sendEventCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      event: { type: 'string' },
      'signing-key-env': { type: 'string' },
      environment: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
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
  const event = await loadEvent(values.event);

  if (values['dry-run']) {
    const body = JSON.stringify(event);
    process.stdout.write(`X-Uber-Signature: ${signWebhookBody(body, signingKey)}\nX-Environment: ${environment}\n\n${body}\n`);
    return;
  }
  const response = await sendTestEvent({ url: endpoint, event, signingKey, environment, signal: AbortSignal.timeout(10_000) });
  // Uber counts any 2xx as delivered; anything else would be retried.
  const outcome = response.ok ? 'acknowledged' : 'NOT acknowledged (Uber would retry)';
  process.stdout.write(`${event.event_type as string} -> ${endpoint}: ${response.status} ${outcome}\n`);
  await response.body?.cancel();
  if (!response.ok) process.exitCode = 1;
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
