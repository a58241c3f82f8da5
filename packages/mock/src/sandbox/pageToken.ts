import { invalidRequest } from './failure.js';

/** An opaque cursor: the offset of the next item, base64url-encoded JSON (our choice). */
export function pageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

export function pageOffset(token: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
    if (Number.isSafeInteger(offset) && (offset as number) >= 0) return offset as number;
  } catch {
    // falls through to the refusal
  }
  throw invalidRequest('page_token is not a token this API gave out');
}
