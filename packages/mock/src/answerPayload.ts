import { createRequire } from 'node:module';
import { serialize } from '@stoplight/prism-http-server/dist/serialize.js';

// The type-is Prism's serializer uses, to ask its first question the same way.
const { is } = createRequire(createRequire(import.meta.url).resolve('@stoplight/prism-http-server/dist/serialize.js'))('type-is') as { is: (type: string, types: string[]) => string | false };

interface Payload {
  text: string | undefined;
  length: number | undefined;
}

// Keyed by the body object itself: a spec example or a reused answer is the same object every time.
const payloads = new WeakMap<object, Map<string | undefined, Payload>>();

// Per content type: whether Prism's serializer writes it as JSON (its first serializer, JSON.stringify).
const jsonTypes = new Map<string, boolean>();

function writesAsJson(contentType: string): boolean {
  let json = jsonTypes.get(contentType);
  if (json === undefined) {
    json = !!is(contentType, ['application/json', 'application/*+json']);
    // Bounded: only the types a proxied upstream invents are not the spec's few.
    if (jsonTypes.size < 256) jsonTypes.set(contentType, json);
  }
  return json;
}

function written(body: unknown, contentType: string | undefined): Payload {
  // What Prism's serialize does for a JSON type, without parsing the type again on every answer.
  const text = (contentType && writesAsJson(contentType) ? JSON.stringify(body) : serialize(body, contentType)) as string | undefined;
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
