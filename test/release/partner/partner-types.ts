// What a partner's TypeScript project writes against our packages. The consumer test compiles it
// in a project outside the repository with `strict` and `skipLibCheck: false`, so every
// declaration we publish (and everything it imports) must type-check, not only our own code.
import { ApiError, VoucherProgramsClient } from '@voucher-programs/client';
import { startMock, type MockOptions, type RunningContractMock } from '@voucher-programs/mock';
import { loadOpenApiDocument, type components } from '@voucher-programs/spec';
import { verifyWebhook, type VoucherWebhookEvent, type WebhookDelivery } from '@voucher-programs/webhooks';

type ProgramSummary = components['schemas']['VoucherProgramSummary'];

export async function searchWithClientCredentials(): Promise<ProgramSummary[]> {
  const options: MockOptions = { port: 0, logLevel: 'silent', oauth: { clients: [{ clientId: 'partner-app', clientSecret: 'partner-secret' }] } };
  const mock: RunningContractMock = await startMock(options);
  try {
    const client = new VoucherProgramsClient({
      baseUrl: mock.url,
      organizationId: 'org-partner',
      auth: { type: 'clientCredentials', clientId: 'partner-app', clientSecret: 'partner-secret', tokenUrl: mock.tokenUrl },
    });
    const page = await client.programs.searchVoucherPrograms({ body: { limit: 10, offset: 0 } });
    return page.results;
  } catch (error) {
    if (error instanceof ApiError) throw new Error(`the API refused: ${error.status} ${error.code}`);
    throw error;
  } finally {
    await mock.stop();
  }
}

export function eventTypeOf(rawBody: string, signature: string, signingKey: string): VoucherWebhookEvent['event_type'] | undefined {
  const delivery: WebhookDelivery = verifyWebhook({ rawBody, signature, signingKeys: signingKey });
  return delivery.known ? delivery.event.event_type : undefined;
}

export const specVersion: string = String(loadOpenApiDocument().info.version);
