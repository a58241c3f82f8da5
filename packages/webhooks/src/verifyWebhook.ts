import { WebhookError } from './errors.js';
import { isVoucherWebhookEvent, type WebhookDelivery, type WebhookEnvironment } from './events.js';
import { parseWebhookEvent } from './parseEvent.js';
import { verifyWebhookSignature, type SigningKeys } from './signature.js';

export interface VerifyWebhookInput {
  /** The exact bytes received, before any JSON parsing. */
  rawBody: string | Uint8Array;
  /** The `X-Uber-Signature` header. */
  signature: string | null | undefined;
  /** The `X-Environment` header. */
  environment?: string | null | undefined;
  signingKeys: SigningKeys;
}

/** Verifies the signature, then parses the event: the whole check for framework-free use. */
export function verifyWebhook(input: VerifyWebhookInput): WebhookDelivery {
  verifyWebhookSignature(input.rawBody, input.signature, input.signingKeys);
  const environment = parseEnvironment(input.environment);
  const event = parseWebhookEvent(input.rawBody);
  return isVoucherWebhookEvent(event)
    ? { known: true, event, environment }
    : { known: false, event, environment };
}

/**
 * Absent stays `undefined` (the header is not signed, so it is a hint, not proof). Uber's vouchers
 * sandbox page writes `Sandbox` where its webhook pages write `sandbox`: both mean the sandbox.
 */
export function parseEnvironment(header: string | null | undefined): WebhookEnvironment | undefined {
  if (header === null || header === undefined) return undefined;
  if (header === 'production' || header === 'sandbox') return header;
  if (header === 'Sandbox') return 'sandbox';
  throw new WebhookError('environment_invalid', 'X-Environment must be "production" or "sandbox" (or "Sandbox").');
}
