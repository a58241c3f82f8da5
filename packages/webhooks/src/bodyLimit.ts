import { WebhookError } from './errors.js';

export function bodyTooLarge(maxBodyBytes: number): WebhookError {
  return new WebhookError('body_too_large', `The webhook body is larger than ${maxBodyBytes} bytes.`);
}

/** A declared Content-Length over the cap is refused before a byte of the body is read. */
export function checkContentLength(header: string | null | undefined, maxBodyBytes: number): void {
  if (header !== null && header !== undefined && Number(header) > maxBodyBytes) throw bodyTooLarge(maxBodyBytes);
}

/** Joins chunks as they come and stops at the cap, whatever the request claimed. */
export class CappedBody {
  readonly #chunks: Uint8Array[] = [];
  #length = 0;

  constructor(readonly maxBodyBytes: number) {}

  /** Returns false once the body is over the cap. */
  push(chunk: Uint8Array): boolean {
    this.#length += chunk.byteLength;
    if (this.#length > this.maxBodyBytes) return false;
    this.#chunks.push(chunk);
    return true;
  }

  bytes(): Uint8Array {
    const bytes = new Uint8Array(this.#length);
    let offset = 0;
    for (const chunk of this.#chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  }
}
