import type { IncomingMessage } from 'node:http';

/** Prism's own limit; the spec's largest bodies (30,000 code ids) fit well inside it. */
export const defaultMaxBodyBytes = 10 * 1024 * 1024;

export type RequestBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; value: string }
  | { kind: 'malformed-json'; reason: string }
  | { kind: 'too-large'; limit: number };

const jsonMediaType = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** Reads the body once, stopping at `maxBytes`; JSON media types are parsed, anything else kept as text. */
export async function readRequestBody(request: IncomingMessage, maxBytes: number): Promise<RequestBody> {
  const { headers } = request;
  // Same rule as Prism: no length and no chunked encoding means no body.
  if (headers['content-length'] === '0' || (headers['content-length'] === undefined && headers['transfer-encoding'] === undefined)) {
    return { kind: 'none' };
  }
  if (Number(headers['content-length']) > maxBytes) return { kind: 'too-large', limit: maxBytes };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) return { kind: 'too-large', limit: maxBytes };
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return { kind: 'none' };
  if (!jsonMediaType.test(headers['content-type'] ?? '')) return { kind: 'text', value: text };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch (error) {
    return { kind: 'malformed-json', reason: (error as Error).message };
  }
}
