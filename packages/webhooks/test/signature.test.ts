import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleEvents } from '../src/exampleEvents.js';
import { signWebhookBody, verifyWebhookSignature } from '../src/signature.js';
import { refusal } from './refusal.js';

const signingKey = 'whsec_test_signing_key';
const body = JSON.stringify(exampleEvents.voucher_program_activated);
// Computed with `openssl dgst -sha256 -hmac whsec_test_signing_key` over the same bytes.
const bodySignature = '960d229dc5fc194fc99715e7118277a413c23066cf522e2c0d603642fa4ff486';


describe('signWebhookBody', () => {
  it('matches the RFC 4231 HMAC-SHA256 test vectors', () => {
    expect(signWebhookBody('Hi There', new Uint8Array(20).fill(0x0b))).toBe(
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    );
    expect(signWebhookBody('what do ya want for nothing?', 'Jefe')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('matches openssl on an example event and on an empty body', () => {
    expect(signWebhookBody(body, signingKey)).toBe(bodySignature);
    expect(signWebhookBody(new TextEncoder().encode(body), signingKey)).toBe(bodySignature);
    expect(signWebhookBody('', signingKey)).toBe('32c551e473b24594af37dce234a31c5758af2c680ddc5e13bd5e2d716887dce4');
  });

  it('refuses an empty key, which would sign anything for anyone', () => {
    expect(() => signWebhookBody(body, '')).toThrow(TypeError);
    expect(() => signWebhookBody(body, new Uint8Array(0))).toThrow(TypeError);
  });
});

describe('verifyWebhookSignature', () => {
  it('accepts the signature of the exact body, as string or bytes', () => {
    expect(() => verifyWebhookSignature(body, bodySignature, signingKey)).not.toThrow();
    expect(() => verifyWebhookSignature(new TextEncoder().encode(body), bodySignature, [signingKey])).not.toThrow();
  });

  it('refuses a tampered body', () => {
    const tampered = body.replace('ACTIVE', 'ACTIVF');
    expect(refusal(() => verifyWebhookSignature(tampered, bodySignature, signingKey)).code).toBe('signature_mismatch');
    // Re-serialising parsed JSON changes the bytes: the raw body is what is signed.
    const reformatted = JSON.stringify(JSON.parse(body), null, 2);
    expect(refusal(() => verifyWebhookSignature(reformatted, bodySignature, signingKey)).code).toBe('signature_mismatch');
  });

  it('refuses a signature made with another key', () => {
    const forged = signWebhookBody(body, 'another key');
    expect(refusal(() => verifyWebhookSignature(body, forged, signingKey)).code).toBe('signature_mismatch');
  });

  it('accepts any of several keys, as during a rotation, and nothing once a key is dropped', () => {
    const primary = 'primary-key';
    const secondary = new TextEncoder().encode('secondary-key');
    const keys = [primary, secondary];
    expect(() => verifyWebhookSignature(body, signWebhookBody(body, primary), keys)).not.toThrow();
    expect(() => verifyWebhookSignature(body, signWebhookBody(body, secondary), keys)).not.toThrow();
    expect(refusal(() => verifyWebhookSignature(body, signWebhookBody(body, secondary), [primary])).code).toBe(
      'signature_mismatch',
    );
  });

  it('accepts upper-case and mixed-case hex', () => {
    // Hex case carries no information; Uber documents lower case, and refusing upper case would
    // only turn correctly signed events into retries.
    expect(() => verifyWebhookSignature(body, bodySignature.toUpperCase(), signingKey)).not.toThrow();
    const mixed = [...bodySignature].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join('');
    expect(() => verifyWebhookSignature(body, mixed, signingKey)).not.toThrow();
  });

  it('gives a distinct error for a missing, empty, wrong-length or non-hex signature', () => {
    expect(refusal(() => verifyWebhookSignature(body, undefined, signingKey)).code).toBe('signature_missing');
    expect(refusal(() => verifyWebhookSignature(body, null, signingKey)).code).toBe('signature_missing');
    expect(refusal(() => verifyWebhookSignature(body, '', signingKey)).code).toBe('signature_empty');
    const truncated = refusal(() => verifyWebhookSignature(body, bodySignature.slice(0, 63), signingKey));
    expect(truncated.code).toBe('signature_wrong_length');
    expect(truncated.message).toContain('got 63');
    expect(refusal(() => verifyWebhookSignature(body, `${bodySignature}0`, signingKey)).code).toBe(
      'signature_wrong_length',
    );
    expect(refusal(() => verifyWebhookSignature(body, bodySignature.repeat(2), signingKey)).code).toBe(
      'signature_wrong_length',
    );
    expect(refusal(() => verifyWebhookSignature(body, `sha256=${bodySignature}`, signingKey)).code).toBe(
      'signature_wrong_length',
    );
    // Buffer.from(hex) would stop quietly at the first bad character; it must be refused instead.
    const notHex = `${bodySignature.slice(0, 62)}zz`;
    expect(refusal(() => verifyWebhookSignature(body, notHex, signingKey)).code).toBe('signature_not_hex');
    expect(refusal(() => verifyWebhookSignature(body, ' '.repeat(64), signingKey)).code).toBe('signature_not_hex');
  });

  it('verifies an empty body and a 1 MB body', () => {
    expect(() => verifyWebhookSignature('', signWebhookBody('', signingKey), signingKey)).not.toThrow();
    const large = new Uint8Array(1_000_000).fill(0x61);
    const signature = signWebhookBody(large, signingKey);
    expect(() => verifyWebhookSignature(large, signature, signingKey)).not.toThrow();
    large[999_999] = 0x62;
    expect(refusal(() => verifyWebhookSignature(large, signature, signingKey)).code).toBe('signature_mismatch');
  });

  it('never puts the key or the signature in its messages', () => {
    const messages = [
      refusal(() => verifyWebhookSignature(body, signWebhookBody(body, 'other'), signingKey)).message,
      refusal(() => verifyWebhookSignature(body, bodySignature.slice(1), signingKey)).message,
      refusal(() => verifyWebhookSignature(body, `${bodySignature.slice(1)}x`, signingKey)).message,
    ];
    for (const message of messages) {
      expect(message).not.toContain(signingKey);
      expect(message).not.toContain(bodySignature.slice(1, 20));
    }
  });

  it('refuses a configuration without keys', () => {
    expect(() => verifyWebhookSignature(body, bodySignature, [])).toThrow(/At least one/);
    expect(() => verifyWebhookSignature(body, bodySignature, [signingKey, ''])).toThrow(/must not be empty/);
  });

  it('accepts every signed body and refuses every single-bit change to it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), fc.string({ minLength: 1 }), fc.nat(), (bytes, key, flip) => {
        const signature = signWebhookBody(bytes, key);
        verifyWebhookSignature(bytes, signature, key);
        if (bytes.length === 0) return;
        const changed = bytes.slice();
        const bit = flip % (bytes.length * 8);
        changed[bit >> 3]! ^= 1 << (bit & 7);
        expect(refusal(() => verifyWebhookSignature(changed, signature, key)).code).toBe('signature_mismatch');
      }),
      { numRuns: 100 },
    );
  });
});
