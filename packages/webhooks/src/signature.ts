import { createHmac, timingSafeEqual } from 'node:crypto';
import { asBytes } from './bytes.js';
import { WebhookError } from './errors.js';

export type SigningKey = string | Uint8Array;
/** One key, or several accepted at once: signing key and client secret, primary and secondary. */
export type SigningKeys = SigningKey | readonly SigningKey[];

/** Uber signs with HMAC-SHA256: 32 bytes, 64 hex characters. */
const signatureHexLength = 64;
const hexPattern = /^[0-9a-f]*$/i;

/** HMAC-SHA256 of the exact body bytes, as lowercase hex: the value of `X-Uber-Signature`. */
export function signWebhookBody(rawBody: string | Uint8Array, key: SigningKey): string {
  return createHmac('sha256', checkedKey(key)).update(rawBody).digest('hex');
}

/** Checks the keys once, at set-up, so a misconfiguration fails loudly rather than per request. */
export function normalizeSigningKeys(keys: SigningKeys): readonly SigningKey[] {
  const list = typeof keys === 'string' || keys instanceof Uint8Array ? [keys] : [...keys];
  if (list.length === 0) throw new TypeError('At least one webhook signing key is required.');
  return list.map(checkedKey);
}

/**
 * Throws a WebhookError unless `signature` is the HMAC of `rawBody` under one of `keys`.
 * Upper-case hex is accepted: hex case carries no information, and refusing it would only
 * turn a correctly signed event into an hour of retries.
 */
export function verifyWebhookSignature(
  rawBody: string | Uint8Array,
  signature: string | null | undefined,
  keys: SigningKeys,
): void {
  const signingKeys = normalizeSigningKeys(keys);
  const received = decodeSignature(signature);
  let matched = false;
  for (const key of signingKeys) {
    const expected = asBytes(createHmac('sha256', key).update(rawBody).digest());
    // Every key is tried, so the time taken does not tell which one matched.
    matched = timingSafeEqual(expected, received) || matched;
  }
  if (!matched) {
    throw new WebhookError(
      'signature_mismatch',
      'X-Uber-Signature does not match the body under any configured signing key.',
    );
  }
}

function decodeSignature(signature: string | null | undefined): Uint8Array {
  if (signature === null || signature === undefined) {
    throw new WebhookError('signature_missing', 'The X-Uber-Signature header is missing.');
  }
  if (signature.length === 0) {
    throw new WebhookError('signature_empty', 'The X-Uber-Signature header is empty.');
  }
  // The expected length is public, so checking it first leaks nothing.
  if (signature.length !== signatureHexLength) {
    throw new WebhookError(
      'signature_wrong_length',
      `X-Uber-Signature must be ${signatureHexLength} hex characters; got ${signature.length}.`,
    );
  }
  if (!hexPattern.test(signature)) {
    throw new WebhookError('signature_not_hex', 'X-Uber-Signature contains characters that are not hex digits.');
  }
  return asBytes(Buffer.from(signature, 'hex'));
}

function checkedKey(key: SigningKey): SigningKey {
  if (typeof key !== 'string' && !(key instanceof Uint8Array)) {
    throw new TypeError('A webhook signing key must be a string or a Uint8Array.');
  }
  if (key.length === 0) throw new TypeError('A webhook signing key must not be empty.');
  return key;
}
