import type { IncomingMessage, ServerResponse } from 'node:http';
import { readRequestBody } from '../requestBody.js';
import type { TokenEndpoint } from './tokenEndpoint.js';
import type { TokenAnswer } from './tokenTypes.js';

/** Where Uber serves its token endpoint; the mock serves it at the same path. */
export const tokenPath = '/oauth/v2/token';

const formMediaType = /^(?:application\/x-www-form-urlencoded|multipart\/form-data)\s*(?:;|$)/i;

/** Serves a token endpoint over HTTP: form-encoded or multipart bodies in, JSON out. */
export function createTokenHandler(endpoint: TokenEndpoint, maxBodyBytes: number): (request: IncomingMessage, reply: ServerResponse) => Promise<void> {
  return async (request, reply) => {
    if (request.method !== 'POST') {
      reply.setHeader('Allow', 'POST');
      reply.setHeader('Connection', 'close');
      return send(reply, oauthError(405, 'invalid_request', `${request.method} is not allowed here; POST the token request`));
    }
    const contentType = request.headers['content-type'] ?? '';
    if (!formMediaType.test(contentType)) {
      reply.setHeader('Connection', 'close');
      return send(reply, oauthError(400, 'invalid_request', 'send the token request form-encoded (application/x-www-form-urlencoded or multipart/form-data), not JSON'));
    }
    const body = await readRequestBody(request, maxBodyBytes);
    if (body.kind === 'too-large') {
      reply.setHeader('Connection', 'close');
      return send(reply, oauthError(400, 'invalid_request', `the request body is larger than ${body.limit} bytes`));
    }
    const form = await readForm(contentType, body.kind === 'text' ? body.value : '');
    if (!form) return send(reply, oauthError(400, 'invalid_request', 'the request body is not a valid form'));
    const basic = basicCredentials(request.headers.authorization);
    if (basic === null) return send(reply, oauthError(401, 'invalid_client', 'the Authorization header is not valid Basic credentials'));
    send(reply, endpoint.exchange(form, basic));
  };
}

/** The form's fields; fetch's own parser reads both form encodings. File parts are not fields. */
async function readForm(contentType: string, text: string): Promise<URLSearchParams | undefined> {
  try {
    const data = await new Response(text, { headers: { 'Content-Type': contentType } }).formData();
    const form = new URLSearchParams();
    for (const [name, value] of data) if (typeof value === 'string') form.append(name, value);
    return form;
  } catch {
    return undefined;
  }
}

/** Credentials from `Authorization: Basic`, undefined without one, null when it is malformed. */
function basicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | undefined | null {
  if (header === undefined) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  // RFC 6749 §2.3.1: both halves are form-encoded before they are joined.
  try {
    return { clientId: decodeURIComponent(decoded.slice(0, colon)), clientSecret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}

function oauthError(status: number, error: string, description: string): { status: number; body: unknown } {
  return { status, body: { error, error_description: description } };
}

function send(reply: ServerResponse, answer: TokenAnswer | { status: number; body: unknown; retryAfterSeconds?: number }): void {
  const payload = JSON.stringify(answer.body);
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(payload),
    // RFC 6749 §5.1: token answers must not be cached.
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
  };
  if ('retryAfterSeconds' in answer && answer.retryAfterSeconds !== undefined) headers['Retry-After'] = answer.retryAfterSeconds;
  if (answer.status === 401) headers['WWW-Authenticate'] = 'Basic realm="oauth"';
  reply.writeHead(answer.status, headers).end(payload);
}
