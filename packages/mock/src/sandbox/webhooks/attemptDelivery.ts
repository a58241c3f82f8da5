import { readAcknowledgement, sendTestEvent } from '@voucher-programs/webhooks';
import type { WebhookEventToDeliver } from './delivery.js';

export interface AttemptOutcome {
  status?: number;
  error?: string;
  acknowledged: boolean;
}

export interface AttemptInput {
  url: string;
  event: WebhookEventToDeliver;
  signingKey: string;
  /** Real milliseconds to wait for the answer: Uber's 10 s. */
  timeoutMs: number;
  /** Aborts the attempt when the outbox closes; such an attempt is not recorded. */
  signal: AbortSignal;
  fetch: typeof fetch;
}

/** Why an attempt was not made at all: the outbox closed while it was in flight. */
export class AttemptAbortedError extends Error {
  override readonly name = 'AttemptAbortedError';
}

/**
 * One POST as Uber makes it (signed body, `X-Environment: sandbox`). What acknowledges is the
 * webhooks package's rule (an empty 2xx), the same `send-event` applies; everything else is a
 * failed attempt with the reason written down.
 */
export async function attemptDelivery(input: AttemptInput): Promise<AttemptOutcome> {
  const timeout = AbortSignal.timeout(input.timeoutMs);
  const signal = AbortSignal.any([timeout, input.signal]);
  try {
    const response = await sendTestEvent({ url: input.url, event: input.event, signingKey: input.signingKey, environment: 'sandbox', fetch: input.fetch, signal });
    // Read the answer under the same deadline: a receiver that sends headers and then stalls has not answered.
    const { status, acknowledged, reason } = await readAcknowledgement(response);
    return reason === undefined ? { status, acknowledged } : { status, acknowledged, error: reason };
  } catch (error) {
    if (input.signal.aborted) throw new AttemptAbortedError('the outbox closed during the attempt');
    if (timeout.aborted) return { acknowledged: false, error: `no answer within ${input.timeoutMs} ms` };
    return { acknowledged: false, error: `connection failed (${networkErrorCode(error)})` };
  }
}

/** undici reports the socket's error code on `cause`; the message alone says only "fetch failed". */
function networkErrorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
