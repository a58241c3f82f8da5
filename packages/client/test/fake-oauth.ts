import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { json, tokenPath, type Handler, type RecordedRequest } from './fake-api.js';

/**
 * A token endpoint with the authorization-code and refresh grants, for a fake API that accepts only
 * the access tokens it issued. Refresh tokens rotate: each is good for one refresh. Codes are
 * checked against their redirect URI and, when one was sent, the PKCE challenge (S256).
 */
export class FakeOAuth {
  readonly clientId = 'app-id';
  readonly clientSecret = 'app-secret';
  expiresIn = 3600;
  #issued = 0;
  readonly #codes = new Map<string, { redirectUri: string; codeChallenge: string | undefined }>();
  readonly #refreshTokens = new Set<string>();
  readonly accessTokens = new Set<string>();
  /** Grants as received, in order. */
  readonly grants: Record<string, string>[] = [];

  /** What Uber's authorize page does once the user agrees: remembers a code for this redirect. */
  authorize(redirectUri: string, codeChallenge?: string): string {
    const code = `code-${this.#codes.size + 1}`;
    this.#codes.set(code, { redirectUri, codeChallenge });
    return code;
  }

  revokeRefreshTokens(): void {
    this.#refreshTokens.clear();
  }

  #issue(response: ServerResponse): void {
    const n = ++this.#issued;
    this.accessTokens.add(`access-${n}`);
    this.#refreshTokens.add(`refresh-${n}`);
    json(response, 200, { access_token: `access-${n}`, token_type: 'Bearer', expires_in: this.expiresIn, refresh_token: `refresh-${n}`, scope: 'organizations.voucher_programs.delegated' });
  }

  #token(request: RecordedRequest, response: ServerResponse): void {
    const grant = Object.fromEntries(new URLSearchParams(request.body));
    this.grants.push(grant);
    if (grant.client_id !== this.clientId || grant.client_secret !== this.clientSecret) return json(response, 401, { error: 'invalid_client' });
    if (grant.grant_type === 'authorization_code') {
      const code = this.#codes.get(grant.code ?? '');
      this.#codes.delete(grant.code ?? '');
      if (!code || code.redirectUri !== grant.redirect_uri) return json(response, 400, { error: 'invalid_grant' });
      if (code.codeChallenge && createHash('sha256').update(grant.code_verifier ?? '').digest('base64url') !== code.codeChallenge) {
        return json(response, 400, { error: 'invalid_grant', error_description: 'code_verifier does not match' });
      }
      return this.#issue(response);
    }
    if (grant.grant_type === 'refresh_token') {
      if (!this.#refreshTokens.delete(grant.refresh_token ?? '')) return json(response, 400, { error: 'invalid_grant', error_description: `refresh token ${grant.refresh_token} is revoked` });
      return this.#issue(response);
    }
    json(response, 400, { error: 'unsupported_grant_type' });
  }

  /** The fake API's handler: the token endpoint, and 200 `{}` for any call with a live access token. */
  readonly handler: Handler = (request, response) => {
    if (request.url === tokenPath) return this.#token(request, response);
    const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
    if (!this.accessTokens.has(token)) return json(response, 401, { code: 'unauthorized', message: 'Invalid OAuth 2.0 credentials provided.' });
    json(response, 200, { codes: [] });
  };
}
