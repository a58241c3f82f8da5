import { AuthError } from '../errors.js';

/** Where a user authorizes your app (authorization code grant). */
export const uberAuthorizeUrl = 'https://auth.uber.com/oauth/v2/authorize';

export interface AuthorizeUrlOptions {
  clientId: string;
  /** Registered for your app in Uber's dashboard; the code comes back here. */
  redirectUri: string;
  /** `['organizations.voucher_programs.delegated']` for an organization admin, `['vouchers.redeem']` for a rider. */
  scopes: readonly string[];
  /** An unguessable value you keep (in the user's session) and check on the way back, against forged redirects. */
  state: string;
  /** From `createPkce()`; Uber's OAuth playground documents PKCE with S256. Optional. */
  codeChallenge?: string;
  /** `login` asks the user to sign in again even with a live session. */
  prompt?: 'login';
  /** Default Uber's authorize endpoint. */
  authorizeUrl?: string;
}

/** The URL to send a user's browser to, so they authorize your app and Uber redirects back with a `code`. */
export function authorizeUrl(options: AuthorizeUrlOptions): string {
  const missing = (['clientId', 'redirectUri', 'state'] as const).filter((name) => !options[name]);
  if (missing.length || !options.scopes?.length) throw new AuthError(`authorizeUrl needs ${[...missing, ...(options.scopes?.length ? [] : ['scopes'])].join(', ')}`);
  const url = new URL(options.authorizeUrl ?? uberAuthorizeUrl);
  url.searchParams.set('client_id', options.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', options.redirectUri);
  url.searchParams.set('scope', options.scopes.join(' '));
  url.searchParams.set('state', options.state);
  if (options.codeChallenge) {
    url.searchParams.set('code_challenge', options.codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
  }
  if (options.prompt) url.searchParams.set('prompt', options.prompt);
  return url.href;
}

/**
 * Reads the redirect back from the authorize page: the `code` to pass to `exchangeCode`, after
 * checking that `state` is the one you sent. A refusal (`?error=access_denied`) or a redirect
 * without a code or with another state throws an AuthError.
 */
export function parseAuthorizeCallback(callbackUrl: string | URL, expectedState: string): { code: string } {
  const params = new URL(callbackUrl).searchParams;
  const error = params.get('error');
  if (error) throw new AuthError(`the authorization was not granted: ${error}`, { oauthError: error, code: error === 'access_denied' ? 'access_denied' : 'invalid_callback' });
  // Compared in full: a state is a one-time nonce, not a secret held long enough to time.
  if (!expectedState || params.get('state') !== expectedState) throw new AuthError('the redirect carries another state than the one sent: ignore it', { code: 'invalid_callback' });
  const code = params.get('code');
  if (!code) throw new AuthError('the redirect carries no code', { code: 'invalid_callback' });
  return { code };
}

/** A PKCE pair (RFC 7636, S256): send `codeChallenge` in the authorize URL, keep `codeVerifier` for `exchangeCode`. */
export async function createPkce(): Promise<{ codeVerifier: string; codeChallenge: string }> {
  const codeVerifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(codeVerifier));
  return { codeVerifier, codeChallenge: base64url(new Uint8Array(digest)) };
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
