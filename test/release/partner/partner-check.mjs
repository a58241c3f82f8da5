// What a partner's CI does with our packages: start the contract mock, call the API through the
// typed client (a success and a typed error), and check a signed webhook both ways. Plain Node ESM
// with no build step, so it runs the same from tarballs installed by npm and inside the workspace.
// Prints one line per check; exits 1 on the first failure.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { ApiError, VoucherProgramsClient } from '@voucher-programs/client';
import { startMock } from '@voucher-programs/mock';
import { loadOpenApiDocument } from '@voucher-programs/spec';
import { createWebhookNodeHandler, exampleEvents, sendTestEvent, signWebhookBody, verifyWebhook, WebhookError } from '@voucher-programs/webhooks';

// Say where each package came from, so a run proves which copy it used (tarball or workspace).
for (const name of ['@voucher-programs/client', '@voucher-programs/mock', '@voucher-programs/spec', '@voucher-programs/webhooks']) {
  console.log(`# ${name} from ${fileURLToPath(import.meta.resolve(name))}`);
}

const signingKey = 'partner-ci-signing-key';
const checks = [];
async function check(name, run) {
  await run();
  checks.push(name);
  console.log(`ok ${checks.length} - ${name}`);
}

const mock = await startMock({ port: 0, logLevel: 'silent' });
const received = [];
const webhookServer = createServer(createWebhookNodeHandler({ signingKeys: signingKey, onEvent: (delivery) => received.push(delivery) }));
try {
  const client = new VoucherProgramsClient({ baseUrl: mock.url, organizationId: 'org-partner-ci', auth: { type: 'token', token: 'partner-ci-token' } });

  await check('the spec package loads the bundled document', () => {
    const spec = loadOpenApiDocument();
    assert.equal(spec.openapi.startsWith('3.1'), true);
    assert.ok(Object.keys(spec.paths).length >= 15);
  });

  await check('createVoucherProgram answers with a program id', async () => {
    const created = await client.programs.createVoucherProgram({
      body: {
        name: 'Partner CI rides',
        currency_code: 'USD',
        starts_at: 1798761600000,
        ends_at: 1801440000000,
        code_scheme: 'MULTI_CODE_SINGLE_REDEEM',
        voucher_type: 'PERSONAL_TRANSPORT',
        number_of_codes: 10,
        value_per_trip_max_amount: 25,
      },
    });
    assert.equal(typeof created.voucher_program_id, 'string');
    assert.ok(created.voucher_program_id.length > 0);
  });

  await check('searchVoucherPrograms answers with a page of programs', async () => {
    const page = await client.programs.searchVoucherPrograms({ body: { limit: 10, offset: 0 } });
    assert.ok(Array.isArray(page.results));
  });

  await check('getVoucherProgram with Prefer: code=404 throws a typed ApiError', async () => {
    const failure = await client.programs
      .getVoucherProgram({ path: { voucher_program_id: 'missing-program' }, headers: { Prefer: 'code=404' } })
      .then(() => undefined, (error) => error);
    assert.ok(failure instanceof ApiError, `expected an ApiError, got ${failure}`);
    assert.equal(failure.status, 404);
    assert.equal(failure.code, 'resource_not_found');
  });

  await check('an invalid body is refused by the mock as a 400 invalid_request', async () => {
    const failure = await client.programs.searchVoucherPrograms({ body: { limit: 0, offset: 0 } }).then(() => undefined, (error) => error);
    assert.ok(failure instanceof ApiError);
    assert.equal(failure.status, 400);
    assert.equal(failure.code, 'invalid_request');
  });

  await check('client credentials: the client gets a token from the mock token endpoint and uses it', async () => {
    const tokenRequests = [];
    const appClient = new VoucherProgramsClient({
      baseUrl: mock.url,
      organizationId: 'org-partner-ci',
      auth: { type: 'clientCredentials', clientId: 'partner-ci-app', clientSecret: 'partner-ci-secret', tokenUrl: mock.tokenUrl },
      fetch: (request, init) => {
        if (request.url === mock.tokenUrl) tokenRequests.push(request.url);
        return fetch(request, init);
      },
    });
    await appClient.templates.listVoucherProgramTemplates();
    await appClient.templates.listVoucherProgramTemplates();
    assert.equal(tokenRequests.length, 1, 'one token, cached for the second call');
  });

  await check('a signed webhook is verified and handled once', async () => {
    webhookServer.listen(0, '127.0.0.1');
    await once(webhookServer, 'listening');
    const url = `http://127.0.0.1:${webhookServer.address().port}/webhooks/uber`;
    const event = exampleEvents.voucher_program_activated;
    assert.equal((await sendTestEvent({ url, event, signingKey })).status, 200);
    assert.equal((await sendTestEvent({ url, event, signingKey })).status, 200);
    assert.equal(received.length, 1, 'the repeated delivery is de-duplicated');
    assert.equal(received[0].event.event_id, event.event_id);
  });

  await check('a webhook signed with another key is refused', async () => {
    const rawBody = JSON.stringify(exampleEvents.voucher_program_completed);
    const forged = signWebhookBody(rawBody, 'not-the-partner-key');
    assert.throws(() => verifyWebhook({ rawBody, signature: forged, signingKeys: signingKey }), WebhookError);
    const delivery = verifyWebhook({ rawBody, signature: signWebhookBody(rawBody, signingKey), signingKeys: signingKey, environment: 'sandbox' });
    assert.equal(delivery.known, true);
    assert.equal(delivery.event.event_type, 'voucher_program_completed');
  });
} finally {
  webhookServer.close();
  await mock.stop();
}
console.log(`partner check: ${checks.length} passed`);
