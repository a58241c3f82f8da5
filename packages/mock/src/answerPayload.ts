import { serialize } from '@stoplight/prism-http-server/dist/serialize.js';

interface Payload {
  text: string | undefined;
  length: number | undefined;
}

// Keyed by the body object itself: a spec example or a reused answer is the same object every time.
const payloads = new WeakMap<object, Map<string | undefined, Payload>>();

function written(body: unknown, contentType: string | undefined): Payload {
  const text = serialize(body, contentType) as string | undefined;
  return { text, length: text === undefined ? undefined : Buffer.byteLength(text) };
}

/**
 * The answer body as Prism writes it, with its byte length. With `reuse` (mock answers, which
 * nothing changes once made), the text of a body object already written is not written again.
 */
export function answerPayload(body: unknown, contentType: string | undefined, reuse: boolean): Payload {
  if (!reuse || typeof body !== 'object' || body === null) return written(body, contentType);
  let byType = payloads.get(body);
  const known = byType?.get(contentType);
  if (known) return known;
  const payload = written(body, contentType);
  if (!byType) payloads.set(body, (byType = new Map()));
  byType.set(contentType, payload);
  return payload;
}
