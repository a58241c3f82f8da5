import { AuthError, VoucherProgramsClient } from '@voucher-programs/client';
import { describe, expect, it } from 'vitest';
import { useMock } from './support/mock.ts';

const voucherMock = useMock({ oauth: { clients: [{ clientId: 'partner-app', clientSecret: 'partner-secret' }] } });

function clientWith(clientSecret: string, seen: string[]) {
  const tokenUrl = `${voucherMock.url}/oauth/v2/token`;
  return new VoucherProgramsClient({
    baseUrl: voucherMock.url,
    organizationId: 'org-1',
    auth: { type: 'clientCredentials', clientId: 'partner-app', clientSecret, tokenUrl },
    retry: false,
    fetch: (request, init) => {
      seen.push(`${request.method} ${new URL(request.url).pathname} ${request.headers.get('authorization') ?? ''}`);
      return fetch(request, init);
    },
  });
}

describe('the client credentials flow against the mock token endpoint', () => {
  it('fetches one token, caches it, and sends it on every call', async () => {
    const seen: string[] = [];
    const client = clientWith('partner-secret', seen);
    await client.templates.listVoucherProgramTemplates();
    await client.templates.listVoucherProgramTemplates();
    expect(seen.filter((line) => line.startsWith('POST /oauth/v2/token'))).toHaveLength(1);
    const bearer = /Bearer (\S+)/.exec(seen[1]!)?.[1];
    expect(bearer).toBeDefined();
    expect(seen[2]).toContain(`Bearer ${bearer}`);
    expect(voucherMock.mock.tokens.verify(bearer!)?.scopes).toEqual(['organizations.voucher_programs']);
  });

  it('a wrong secret is an AuthError carrying invalid_client, and no API call is made', async () => {
    const seen: string[] = [];
    const client = clientWith('wrong-secret', seen);
    const failure = await client.templates.listVoucherProgramTemplates().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AuthError);
    expect(failure).toMatchObject({ status: 401, oauthError: 'invalid_client' });
    expect(seen).toHaveLength(1);
  });
});
