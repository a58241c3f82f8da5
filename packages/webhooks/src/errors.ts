/** Why a delivery was refused; each code maps to one HTTP status in the adapters. */
export type WebhookErrorCode =
  | 'signature_missing'
  | 'signature_empty'
  | 'signature_wrong_length'
  | 'signature_not_hex'
  | 'signature_mismatch'
  | 'environment_invalid'
  | 'body_too_large'
  | 'body_not_json'
  | 'event_invalid'
  | 'body_unavailable';

const statusByCode: Record<WebhookErrorCode, number> = {
  signature_missing: 401,
  signature_empty: 401,
  signature_wrong_length: 401,
  signature_not_hex: 401,
  signature_mismatch: 401,
  environment_invalid: 400,
  body_too_large: 413,
  body_not_json: 400,
  event_invalid: 400,
  // The framework consumed the body before us: a set-up fault, so 500 keeps Uber retrying.
  body_unavailable: 500,
};

/** A delivery that must not be handled. Messages never contain keys, signatures or bodies. */
export class WebhookError extends Error {
  override readonly name = 'WebhookError';
  readonly code: WebhookErrorCode;
  /** The HTTP status the adapters answer with. */
  readonly status: number;

  constructor(code: WebhookErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.status = statusByCode[code];
  }
}
