import { describe, expect, it } from 'vitest';
import { verifyWebhook } from '@voucher-programs/webhooks';
import { createWebhookOutbox } from '../../../src/sandbox/webhooks/index.js';
import { distinctEvents } from './support/events.js';
import { manualClock, seededRandom } from './support/manualClock.js';
import { useOutboxFixture } from './support/outboxFixture.js';
import { webhookBodyProblems } from './support/specSchema.js';

const signingKey = 'whsec_sandbox_outbox_tests';
const start = Date.UTC(2027, 0, 1);

const { receiver, outbox, adopt } = useOutboxFixture(signingKey, 7);

describe('webhook outbox: one delivery', () => {
  it('posts the event as Uber does: signed raw body, X-Environment sandbox, a body the spec accepts', async () => {
    const partner = await receiver();
    const clock = manualClock(start);
    const box = outbox([partner.url], clock);
    const [event] = distinctEvents(1);
    box.enqueue(event!);
    await box.whenIdle();

    expect(partner.requests).toHaveLength(1);
    const [request] = partner.requests;
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['x-environment']).toBe('sandbox');
    // An independent check of the signature and the envelope: the webhooks package's own verifier.
    const verified = verifyWebhook({
      rawBody: request!.rawBody,
      signature: request!.headers['x-uber-signature'] as string,
      environment: request!.headers['x-environment'] as string,
      signingKeys: signingKey,
    });
    expect(verified.event).toEqual(event);
    expect(() =>
      verifyWebhook({ rawBody: request!.rawBody, signature: request!.headers['x-uber-signature'] as string, environment: 'sandbox', signingKeys: 'another key' }),
    ).toThrow(/does not match/);
    expect(webhookBodyProblems(JSON.parse(request!.rawBody))).toEqual([]);
    expect(partner.handled.map((delivery) => delivery.event.event_id)).toEqual([event!.event_id]);

    const [logged] = box.deliveries();
    expect(logged).toMatchObject({ event_id: event!.event_id, event_type: event!.event_type, url: partner.url, state: 'delivered', next_attempt_at: null });
    expect(logged!.attempts).toEqual([{ at: start, due_at: start, status: 200, acknowledged: true }]);
  });

  it('sends every event to every URL', async () => {
    const first = await receiver();
    const second = await receiver();
    const box = outbox([first.url, second.url], manualClock(start));
    const events = distinctEvents(3);
    for (const event of events) box.enqueue(event);
    await box.whenIdle();
    const ids = events.map((event) => event.event_id);
    expect(first.handled.map((delivery) => delivery.event.event_id)).toEqual(ids);
    expect(second.handled.map((delivery) => delivery.event.event_id)).toEqual(ids);
    expect(box.deliveries().every((delivery) => delivery.state === 'delivered')).toBe(true);
  });

  it('counts only an empty 2xx as an acknowledgement', async () => {
    const partner = await receiver();
    const clock = manualClock(start);
    const box = outbox([partner.url], clock);
    partner.behaviour = { status: 200, body: '{"ok":true}' };
    box.enqueue(distinctEvents(1)[0]!);
    await box.whenIdle();
    let [delivery] = box.deliveries();
    expect(delivery!.state).toBe('pending');
    expect(delivery!.attempts[0]).toMatchObject({ status: 200, acknowledged: false });
    expect(delivery!.attempts[0]!.error).toMatch(/11-byte body; only an empty 2xx acknowledges/);

    partner.behaviour = { status: 204 };
    clock.advance(30_000);
    await box.whenIdle();
    [delivery] = box.deliveries();
    expect(delivery!.state).toBe('delivered');
    expect(delivery!.attempts.map((attempt) => attempt.status)).toEqual([200, 204]);
  });

  it('gives up on an answer that takes longer than the timeout, and retries', async () => {
    const partner = await receiver();
    const clock = manualClock(start);
    // Long enough for the retry's real answer on a busy machine; the hang still takes only this long.
    const box = outbox([partner.url], clock, { timeoutMs: 1_000 });
    partner.behaviour = 'hang';
    box.enqueue(distinctEvents(1)[0]!);
    await box.whenIdle();
    let [delivery] = box.deliveries();
    expect(delivery!.attempts).toEqual([{ at: start, due_at: start, acknowledged: false, error: 'no answer within 1000 ms' }]);
    expect(delivery!.next_attempt_at).toBe(start + 30_000);

    partner.behaviour = 'handler';
    clock.advance(30_000);
    await box.whenIdle();
    [delivery] = box.deliveries();
    expect(delivery!.state).toBe('delivered');
    expect(partner.handled).toHaveLength(1);
  });

  it('reports each attempt to onAttempt, without the signing key anywhere in it', async () => {
    const partner = await receiver();
    const seen: string[] = [];
    const box = outbox([partner.url], manualClock(start), { onAttempt: (delivery, attempt) => seen.push(JSON.stringify({ delivery, attempt })) });
    box.enqueue(distinctEvents(1)[0]!);
    await box.whenIdle();
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toContain(signingKey);
    expect(JSON.stringify(box.snapshot())).not.toContain(signingKey);
  });
});

describe('webhook outbox: bad input', () => {
  const clock = manualClock(start);
  const base = { signingKey, clock, random: seededRandom(1) };

  it('refuses a URL that is not http(s), and an empty signing key', () => {
    expect(() => createWebhookOutbox({ ...base, urls: ['ftp://127.0.0.1/hook'] })).toThrow(/http\(s\) URL; got "ftp:\/\/127.0.0.1\/hook"/);
    expect(() => createWebhookOutbox({ ...base, urls: ['not a url'] })).toThrow(/http\(s\) URL/);
    expect(() => createWebhookOutbox({ ...base, urls: ['http://127.0.0.1:9/hook'], signingKey: '' })).toThrow(/signing key is required/);
    expect(() => createWebhookOutbox({ ...base, urls: ['http://127.0.0.1:9/hook'], signingKey: undefined })).toThrow(/signing key is required/);
    // No URL, nothing to sign: a sandbox without webhooks needs no key.
    void createWebhookOutbox({ ...base, urls: [], signingKey: undefined }).close();
    expect(() => createWebhookOutbox({ ...base, urls: [], timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => createWebhookOutbox({ ...base, urls: [], retry: { maxAttempts: 0 } })).toThrow(/maxAttempts/);
  });

  it('refuses an event without an id or a type, and adds nothing', () => {
    const box = createWebhookOutbox({ ...base, urls: ['http://127.0.0.1:9/hook'] });
    adopt(box);
    expect(() => box.enqueue({ event_type: 'voucher_program_activated' } as never)).toThrow(/event_id and event_type/);
    expect(() => box.enqueue({ event_id: 'x' } as never)).toThrow(/event_id and event_type/);
    expect(box.deliveries()).toEqual([]);
  });

  it('refuses events once closed', async () => {
    const box = createWebhookOutbox({ ...base, urls: ['http://127.0.0.1:9/hook'] });
    await box.close();
    expect(() => box.enqueue(distinctEvents(1)[0]!)).toThrow(/closed/);
  });
});
