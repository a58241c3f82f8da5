import { AuthError } from '../errors.js';

/** Where an organization admin grants (and revokes) a third-party app's access. */
export const uberBusinessUrl = 'https://business.uber.com';
export const aggregatorScope = 'organizations.voucher_programs.aggregator';

export interface ConsentUrlOptions {
  /** Your third-party app's client id. */
  clientId: string;
  /** Where Uber for Business redirects after consent, with `?org_uuid=`. */
  redirectUri: string;
  /** Your app's name, as the organization will see it. */
  appName: string;
  /** Default `['organizations.voucher_programs.aggregator']`. */
  scopes?: readonly string[];
  /** Default `https://business.uber.com`. */
  baseUrl?: string;
}

function businessUrl(path: string, options: { baseUrl?: string | undefined }, params: Record<string, string | undefined>, what: string): string {
  const missing = Object.keys(params).filter((name) => !params[name]);
  // Uber's page calls every parameter mandatory: a URL without one would only fail on Uber's side.
  if (missing.length) throw new AuthError(`${what} needs ${missing.join(', ')}`);
  const url = new URL(path, options.baseUrl ?? uberBusinessUrl);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value!);
  return url.href;
}

/** The consent page for an organization admin; after consent Uber redirects to `redirectUri?org_uuid=…`. */
export function consentUrl(options: ConsentUrlOptions): string {
  return businessUrl(
    '/authorize',
    options,
    { client_id: options.clientId, scope: (options.scopes ?? [aggregatorScope]).join(' '), redirect_uri: options.redirectUri, app_name: options.appName },
    'consentUrl',
  );
}

/**
 * Reads the redirect after consent: the organization's id (`org_uuid`), to use as the client's
 * `organizationId`. Uber documents only `org_uuid`; an OAuth-style `?error=` is read too, in case.
 */
export function parseConsentCallback(callbackUrl: string | URL): { organizationId: string } {
  const params = new URL(callbackUrl).searchParams;
  const error = params.get('error');
  if (error) throw new AuthError(`the organization did not consent: ${error}`, { oauthError: error, code: error === 'access_denied' ? 'access_denied' : 'invalid_callback' });
  const organizationId = params.get('org_uuid');
  if (!organizationId) throw new AuthError('the consent redirect carries no org_uuid', { code: 'invalid_callback' });
  return { organizationId };
}

/** The page where the organization revokes your app's access; Uber redirects to `redirectUri` after. */
export function revokeUrl(options: Omit<ConsentUrlOptions, 'scopes'> & { organizationId: string }): string {
  return businessUrl(
    '/revoke',
    options,
    { org_uuid: options.organizationId, client_id: options.clientId, app_name: options.appName, redirect_uri: options.redirectUri },
    'revokeUrl',
  );
}
