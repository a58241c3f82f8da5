import type { IncomingMessage, ServerResponse } from 'node:http';
import { voucherScopes, type TokenEndpoint } from '../oauth/index.js';

/** Where Uber asks a user for consent; the sandbox serves the same path. */
export const authorizePath = '/oauth/v2/authorize';

// The scopes a person grants by consenting: an administrator's delegation, a rider's redeem.
const consentScopes: readonly string[] = [voucherScopes.delegated, voucherScopes.redeem];

/**
 * The authorize step of the authorization code grant, with no one to ask: it consents at once and
 * redirects to `redirect_uri` with a `code` (and the caller's `state`). `login_hint` names the
 * person consenting (a rider's email for redeem); the tokens from that code act for them.
 */
export function createAuthorizeHandler(tokens: TokenEndpoint): (request: IncomingMessage, reply: ServerResponse) => Promise<void> {
  return async (request, reply) => {
    if (request.method !== 'GET') {
      reply.setHeader('Allow', 'GET');
      return send(reply, 405, 'invalid_request', `${request.method} is not allowed here; open the URL with GET`);
    }
    const query = new URL(request.url ?? '/', 'http://sandbox.invalid').searchParams;
    const clientId = query.get('client_id');
    const redirectUri = query.get('redirect_uri');
    if (!clientId) return send(reply, 400, 'invalid_request', 'client_id is missing');
    // Without a valid redirect_uri there is nowhere safe to send an error (RFC 6749, section 4.1.2.1).
    if (!redirectUri || !URL.canParse(redirectUri)) return send(reply, 400, 'invalid_request', 'redirect_uri is missing or not an absolute URL');
    const target = new URL(redirectUri);
    const state = query.get('state');
    if (state !== null) target.searchParams.set('state', state);
    const scopes = (query.get('scope') ?? voucherScopes.delegated).split(' ').filter((scope) => scope !== '');
    const refused = scopes.filter((scope) => !consentScopes.includes(scope));
    if (query.get('response_type') !== 'code') {
      target.searchParams.set('error', 'unsupported_response_type');
    } else if (scopes.length === 0 || refused.length > 0) {
      target.searchParams.set('error', 'invalid_scope');
      target.searchParams.set('error_description', `consent can grant ${consentScopes.join(' ')}, not ${refused.join(' ') || 'an empty scope'}`);
    } else {
      const subject = query.get('login_hint') || `${clientId}:user`;
      target.searchParams.set('code', tokens.authorize({ clientId, scopes, redirectUri, subject } as Parameters<TokenEndpoint['authorize']>[0]));
    }
    reply.writeHead(302, { Location: target.href, 'Cache-Control': 'no-store', 'Content-Length': '0' }).end();
  };
}

function send(reply: ServerResponse, status: number, error: string, description: string): void {
  const payload = JSON.stringify({ error, error_description: description });
  reply.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }).end(payload);
}
