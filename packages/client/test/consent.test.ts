import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthError, VoucherProgramsClient } from '../src/index.js';
import { aggregatorScope, consentUrl, parseConsentCallback, revokeUrl } from '../src/oauth/index.js';
import { startFakeApi, type FakeApi } from './fake-api.js';

const app = { clientId: 'aggregator-app', redirectUri: 'https://aggregator.example/uber/consent', appName: 'Ride Perks' };
const organizationId = '7b3f7c4e-2a5d-4b8e-9f61-0c1d2e3f4a5b';

describe('third-party consent', () => {
  it('builds the consent URL with every mandatory parameter', () => {
    const url = new URL(consentUrl(app));
    expect(url.origin + url.pathname).toBe('https://business.uber.com/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: 'aggregator-app', scope: 'organizations.voucher_programs.aggregator', redirect_uri: app.redirectUri, app_name: 'Ride Perks' });
  });

  it('names what is missing instead of building a URL Uber would refuse', () => {
    expect(() => consentUrl({ ...app, appName: '' })).toThrow(/consentUrl needs app_name/);
    expect(() => revokeUrl({ ...app, organizationId: '', clientId: '' })).toThrow(/revokeUrl needs org_uuid, client_id/);
    expect(() => consentUrl({ ...app, redirectUri: '' })).toThrow(AuthError);
  });

  it('reads org_uuid from the redirect; a refusal or a bare redirect is a typed error', () => {
    expect(parseConsentCallback(`${app.redirectUri}?org_uuid=${organizationId}`)).toEqual({ organizationId });
    expect(() => parseConsentCallback(`${app.redirectUri}?error=access_denied`)).toThrow(expect.objectContaining({ code: 'access_denied' }));
    expect(() => parseConsentCallback(app.redirectUri)).toThrow(expect.objectContaining({ code: 'invalid_callback' }));
  });

  it('builds the revoke URL', () => {
    const url = new URL(revokeUrl({ ...app, organizationId }));
    expect(url.origin + url.pathname).toBe('https://business.uber.com/revoke');
    expect(Object.fromEntries(url.searchParams)).toEqual({ org_uuid: organizationId, client_id: 'aggregator-app', app_name: 'Ride Perks', redirect_uri: app.redirectUri });
  });
});

describe('an aggregator from consent to its first call', () => {
  let api: FakeApi;
  beforeEach(async () => {
    api = await startFakeApi();
  });
  afterEach(() => api.close());

  it('uses the org_uuid as the organization and the aggregator scope for its token', async () => {
    // 1. The admin follows consentUrl(app); 2. Uber redirects here:
    const { organizationId: orgFromRedirect } = parseConsentCallback(`${app.redirectUri}?org_uuid=${organizationId}`);
    const client = new VoucherProgramsClient({
      baseUrl: api.url,
      organizationId: orgFromRedirect,
      auth: { type: 'clientCredentials', clientId: app.clientId, clientSecret: 'aggregator-secret', scopes: [aggregatorScope], tokenUrl: api.tokenUrl },
    });
    await client.codes.getVoucherCodes({ path: { voucher_program_id: 'p1' } });
    expect(new URLSearchParams(api.tokenRequests()[0]!.body).get('scope')).toBe('organizations.voucher_programs.aggregator');
    expect(api.apiRequests()[0]).toMatchObject({ url: `/v1/organizations/${organizationId}/voucher-programs/p1/codes`, headers: { authorization: 'Bearer token-1' } });
  });
});
