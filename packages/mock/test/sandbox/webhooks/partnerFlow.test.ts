import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { RunningSandbox, SandboxOptions } from '../../../src/index.js';
import { attemptOffsetsMs, uberRetrySchedule } from '../../../src/sandbox/webhooks/index.js';
import { clientFor, dayMs, expectNoViolations, hourMs, multiCodeProgram, testSandbox } from '../support.js';
import { checkedEvents } from './support/checkedEvents.js';
import { startPartnerReceiver, type PartnerReceiver } from './support/receiver.js';

const signingKey = 'whsec_sandbox_partner_flow';
let cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function receiver(): Promise<PartnerReceiver> {
  const partner = await startPartnerReceiver(signingKey);
  cleanup.push(() => partner.close());
  return partner;
}

async function sandboxFor(partner: PartnerReceiver, options: SandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = await testSandbox({ seed: 'webhook-flow', webhookUrls: [partner.url], signingKey, ...options });
  cleanup.push(() => sandbox.stop());
  return sandbox;
}

/** A rider's token for redeem, through the sandbox's authorize and token endpoints. */
async function riderToken(sandbox: RunningSandbox, email: string): Promise<string> {
  const consent = await sandbox.fetch(`${sandbox.authorizeUrl}?response_type=code&client_id=rider-app&redirect_uri=http://127.0.0.1:9/cb&scope=vouchers.redeem&login_hint=${email}`, { redirect: 'manual' });
  const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
  const answer = await sandbox.fetch(sandbox.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=authorization_code&client_id=rider-app&client_secret=s&redirect_uri=http://127.0.0.1:9/cb&code=${code}`,
  });
  return ((await answer.json()) as { access_token: string }).access_token;
}

const summary = (events: { event_type: string; meta: { resource_id: string; status?: string | undefined; user_id?: string | undefined } }[]) =>
  events.map((event) => [event.event_type, event.meta.status, event.meta.user_id]);

describe('the partner flow, with webhooks to a receiver on a loopback port', () => {
  test('distribute with a failing contact, activation, redemption, a trip, cancel: each event signed, valid and handled once', async () => {
    const partner = await receiver();
    const sandbox = await sandboxFor(partner);
    const client = clientFor(sandbox);
    const program = multiCodeProgram(sandbox, 5, { startsInMs: hourMs, lastsMs: 2 * dayMs });
    const { voucher_program_id } = await client.programs.createVoucherProgram({ body: program });
    sandbox.clock.advance(10_000); // the codes are made
    await client.guests.addGuests({ path: { voucher_program_id }, body: { guests: [{ email: 'ana@example.com' }, { email: 'bounce@fail.example' }], send_notifications: false } });
    await client.codes.distributeVoucherCodes({ path: { voucher_program_id }, body: {} });
    await sandbox.webhooks.whenIdle();
    expect(summary(checkedEvents(partner, signingKey))).toEqual([['voucher_program_code_distributed', 'PARTIAL_SUCCESS', undefined]]);
    expect(partner.handled[0]!.event.resource_href).toBe(`${sandbox.url}/v1/organizations/${encodeURIComponent('4d2c9b1e-6f0a-4c3b-8e7d-1a2b3c4d5e6f')}/voucher-programs/${voucher_program_id}`);

    sandbox.clock.advance(hourMs);
    await sandbox.webhooks.whenIdle();
    expect(summary(checkedEvents(partner, signingKey)).at(-1)).toEqual(['voucher_program_activated', 'ACTIVE', undefined]);
    expect(partner.handled.at(-1)!.event.event_time).toBe(Math.floor(program.starts_at / 1000));

    const { guests } = await client.guests.getGuests({ path: { voucher_program_id } });
    // The spec leaves the fields of a guest's code object open; the sandbox fills code_id and code_text.
    type GuestCode = { code_id: string; code_text: string };
    const anas = guests.find((guest) => guest.email === 'ana@example.com')!.code as GuestCode;
    const token = await riderToken(sandbox, 'ana@example.com');
    const redeemed = await sandbox.fetch(`${sandbox.url}/v1.2/me/vouchers/redeem`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code_text: anas.code_text }),
    });
    expect(redeemed.status).toBe(200);
    await sandbox.webhooks.whenIdle();
    expect(summary(checkedEvents(partner, signingKey)).at(-1)).toEqual(['voucher_program_code_redeemed', 'REDEEMED', 'ana@example.com']);

    // A trip for Ana uses her voucher when it ends: usage shows, and the redemption is reported again, at the trip's end.
    const trip = { pickup: { point: { latitude: 37.7793, longitude: -122.4193 } }, dropoff: { point: { latitude: 37.8024, longitude: -122.4058 } }, rider_info: { identifier: { email_address: 'ana@example.com' } }, scenario: { id: 'COMPLETED_STATE_TRIP' }, product_type: 'UBERX' } as const;
    await client.call('createSandboxTripRun', { body: trip });
    const tripEnds = sandbox.clock.now() + 60_000;
    sandbox.clock.advance(60_000);
    await sandbox.webhooks.whenIdle();
    expect(summary(checkedEvents(partner, signingKey)).at(-1)).toEqual(['voucher_program_code_redeemed', 'REDEEMED', 'ana@example.com']);
    expect(partner.handled.at(-1)!.event.event_time).toBe(Math.floor(tripEnds / 1000));
    const { codes } = await client.codes.getVoucherCodes({ path: { voucher_program_id }, query: { include_usage: true } });
    expect(codes.find((code) => code.code_id === anas.code_id)).toMatchObject({ usage_count: 1, usage_amount: 25 });
    expect(await client.programs.getVoucherProgram({ path: { voucher_program_id } })).toMatchObject({ usage_trip_count: 1, usage_amount: 25 });
    // Her voucher covers one trip: a second one uses nothing and reports nothing.
    await client.call('createSandboxTripRun', { body: trip });
    sandbox.clock.advance(60_000);
    await sandbox.webhooks.whenIdle();
    expect(partner.handled).toHaveLength(4);

    // Ana's code was claimed and redeemed; the unreachable guest's code was never claimed, so it can be canceled.
    const bounced = guests.find((guest) => guest.email === 'bounce@fail.example')!.code as GuestCode;
    const canceled = await client.codes.cancelVoucherCodes({ path: { voucher_program_id }, body: { codes: [anas.code_id, bounced.code_id] } });
    expect(canceled.cancelCodeFailures?.map((failure) => failure.code_uuid)).toEqual([anas.code_id]);
    await client.programs.cancelVoucherProgram({ path: { voucher_program_id } });
    sandbox.clock.advance(3 * dayMs); // past ends_at: a canceled program does not complete
    await sandbox.webhooks.whenIdle();
    expect(partner.handled).toHaveLength(4);
    expect(new Set(partner.handled.map((delivery) => delivery.event.event_id)).size).toBe(4);

    // The delivery log, in the library and over the control API, agree; every delivery was acknowledged once.
    const log = sandbox.webhooks.deliveries();
    expect(log.map((delivery) => [delivery.event_type, delivery.state, delivery.attempts.length])).toEqual([
      ['voucher_program_code_distributed', 'delivered', 1],
      ['voucher_program_activated', 'delivered', 1],
      ['voucher_program_code_redeemed', 'delivered', 1],
      ['voucher_program_code_redeemed', 'delivered', 1],
    ]);
    const listed = await sandbox.fetch(`${sandbox.url}/__sandbox/webhooks/deliveries?state=delivered`);
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({ deliveries: log });
    expectNoViolations(sandbox);
  });

  test('the same seed and calls raise the same event ids', async () => {
    const ids: string[][] = [];
    for (const run of [1, 2]) {
      const partner = await receiver();
      const sandbox = await sandboxFor(partner, { startMs: Date.UTC(2027, 0, 1) });
      const client = clientFor(sandbox, { organizationId: 'org-a' });
      await client.programs.createVoucherProgram({ body: multiCodeProgram(sandbox, 2, { startsInMs: 1_000, lastsMs: dayMs }) });
      sandbox.clock.advance(2 * dayMs);
      await sandbox.webhooks.whenIdle();
      ids.push(checkedEvents(partner, signingKey).map((event) => event.event_id));
      await sandbox.stop();
    }
    expect(ids[0]).toHaveLength(2);
    expect(ids[1]).toEqual(ids[0]);
  });
});

describe('the control API for webhooks', () => {
  test('POST /__sandbox/webhooks/retry sends what waits at once; GET deliveries filters by state', async () => {
    const partner = await receiver();
    await partner.down();
    const sandbox = await sandboxFor(partner);
    const client = clientFor(sandbox, { organizationId: 'retry-org' });
    await client.programs.createVoucherProgram({ body: multiCodeProgram(sandbox, 1, { startsInMs: 1_000 }) });
    sandbox.clock.advance(1_000);
    await sandbox.webhooks.whenIdle();
    const pending = await sandbox.fetch(`${sandbox.url}/__sandbox/webhooks/deliveries?state=pending`);
    expect(((await pending.json()) as { deliveries: unknown[] }).deliveries).toHaveLength(1);

    await partner.up();
    const retried = await sandbox.fetch(`${sandbox.url}/__sandbox/webhooks/retry`, { method: 'POST' });
    expect(retried.status).toBe(202);
    expect(await retried.json()).toEqual({ sending: 1 });
    await sandbox.webhooks.whenIdle();
    expect(sandbox.webhooks.deliveries().map((delivery) => [delivery.state, delivery.attempts.length])).toEqual([['delivered', 2]]);
    const bad = await sandbox.fetch(`${sandbox.url}/__sandbox/webhooks/deliveries?state=lost`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'invalid_request' });
    expect(checkedEvents(partner, signingKey)).toHaveLength(1);
    expectNoViolations(sandbox);
  });
});

describe('a receiver down for three attempts, with the sandbox restarted from its state file between them', () => {
  test('the event waits, the attempts follow the backoff on the sandbox clock, and it is handled once', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'sandbox-webhooks-'));
    cleanup.push(() => rm(directory, { recursive: true, force: true }));
    const stateFile = join(directory, 'state.json');
    const partner = await receiver();
    await partner.down();

    const first = await sandboxFor(partner, { stateFile, startMs: Date.UTC(2027, 0, 1) });
    const client = clientFor(first);
    const startsAt = first.clock.now() + 60_000;
    await client.programs.createVoucherProgram({ body: { ...multiCodeProgram(first, 1), starts_at: startsAt, ends_at: startsAt + dayMs } });
    first.clock.advance(60_000);
    await first.webhooks.whenIdle();
    first.clock.advance(30_000);
    await first.webhooks.whenIdle();
    expect(first.webhooks.deliveries()[0]!.attempts).toHaveLength(2);
    await first.stop(); // writes the state file, outbox included

    const second = await sandboxFor(partner, { stateFile });
    expect(second.clock.now()).toBe(startsAt + 30_000);
    second.clock.advance(60_000);
    await second.webhooks.whenIdle();
    await partner.up();
    second.clock.advance(120_000);
    await second.webhooks.whenIdle();

    const [delivery] = second.webhooks.deliveries();
    expect(delivery!.state).toBe('delivered');
    expect(delivery!.attempts.map((attempt) => attempt.at - startsAt)).toEqual(attemptOffsetsMs(uberRetrySchedule).slice(0, 4));
    expect(delivery!.attempts.map((attempt) => attempt.error ?? attempt.status)).toEqual([
      'connection failed (ECONNREFUSED)',
      'connection failed (ECONNREFUSED)',
      'connection failed (ECONNREFUSED)',
      200,
    ]);
    expect(summary(checkedEvents(partner, signingKey))).toEqual([['voucher_program_activated', 'ACTIVE', undefined]]);
    second.clock.advance(2 * hourMs);
    await second.webhooks.whenIdle();
    expect(partner.requests).toHaveLength(1);
  });
});
