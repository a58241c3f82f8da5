import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VoucherProgramsClient } from '../src/index.js';
import { RateLimits, type Clock } from '../src/rate-limit.js';
import { json, startFakeApi, type FakeApi } from './fake-api.js';

/** A clock that moves only when told; each sleep is recorded and ends when the test releases it (or at once with autoRelease). */
function fakeClock(autoRelease: boolean) {
  const state = { at: 1_800_000_000_000, waits: [] as number[], release: [] as (() => void)[] };
  const clock: Clock = {
    now: () => state.at,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        state.waits.push(ms);
        if (signal?.aborted) return reject(signal.reason);
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        const done = () => ((state.at += ms), resolve());
        if (autoRelease) done();
        else state.release.push(done);
      }),
  };
  return { state, clock };
}

/** Waits (bounded) until check() holds: the test's requests travel over real HTTP on a busy machine. */
async function until(check: () => boolean): Promise<void> {
  for (let waited = 0; !check() && waited < 5_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
}

let api: FakeApi;
let limitHeaders: Record<string, string>;
beforeEach(async () => {
  limitHeaders = { 'X-Rate-Limit-Limit': '500', 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': '5' };
  api = await startFakeApi((_, response) => json(response, 200, { codes: [] }, limitHeaders));
});
afterEach(() => api.close());

function clientWith(limits: RateLimits) {
  return new VoucherProgramsClient({ baseUrl: api.url, organizationId: 'org-1', auth: { type: 'token', token: 't' }, fetch: limits.fetch(), retry: false });
}
const getCodes = (client: VoucherProgramsClient, signal?: AbortSignal) => client.codes.getVoucherCodes({ path: { voucher_program_id: 'p1' }, signal });

describe('RateLimits', () => {
  it('exposes the last X-Rate-Limit-* values; without wait mode it never holds a request back', async () => {
    const { state, clock } = fakeClock(true);
    const limits = new RateLimits({ clock });
    const client = clientWith(limits);
    expect(limits.last).toBeUndefined();
    await getCodes(client);
    expect(limits.last).toEqual({ limit: 500, remaining: 0, resetAt: state.at + 5_000 });
    await getCodes(client);
    expect(state.waits).toEqual([]);
    expect(api.requests).toHaveLength(2);
    limitHeaders = {};
    await getCodes(client);
    expect(limits.last).toMatchObject({ remaining: 0 }); // an answer without the headers changes nothing
  });

  it('in wait mode waits for the reset instead of sending a request that would get a 429', async () => {
    const { state, clock } = fakeClock(false);
    const limits = new RateLimits({ waitForReset: true, clock });
    const client = clientWith(limits);
    await getCodes(client);
    limitHeaders = { 'X-Rate-Limit-Limit': '500', 'X-Rate-Limit-Remaining': '499', 'X-Rate-Limit-Reset': '5' };
    const held = getCodes(client);
    await until(() => state.waits.length > 0);
    expect(state.waits).toEqual([5_000]);
    expect(api.requests).toHaveLength(1); // not sent while waiting
    state.release.shift()!();
    await held;
    expect(api.requests).toHaveLength(2);
    expect(limits.last).toMatchObject({ remaining: 499 });
  });

  it('your signal stops the wait, and nothing is sent', async () => {
    const { state, clock } = fakeClock(false);
    const client = clientWith(new RateLimits({ waitForReset: true, clock }));
    await getCodes(client);
    const controller = new AbortController();
    const held = getCodes(client, controller.signal);
    await until(() => state.waits.length > 0);
    expect(state.waits).toHaveLength(1);
    controller.abort();
    await expect(held).rejects.toMatchObject({ name: 'AbortError' });
    expect(api.requests).toHaveLength(1);
  });

  it('lets concurrent calls take what is left of the window, and holds the rest', async () => {
    const { state, clock } = fakeClock(false);
    const client = clientWith(new RateLimits({ waitForReset: true, clock }));
    limitHeaders = { 'X-Rate-Limit-Remaining': '2', 'X-Rate-Limit-Reset': '5' };
    await getCodes(client);
    const calls = Promise.all(Array.from({ length: 5 }, () => getCodes(client)));
    await until(() => state.waits.length === 3 && api.requests.length === 3);
    expect(state.waits).toEqual([5_000, 5_000, 5_000]);
    expect(api.requests).toHaveLength(3);
    for (const release of state.release) release();
    await calls;
    expect(api.requests).toHaveLength(6);
  });

  it('does not wait longer than maxWaitMs, and holds only requests to the origin that sent the headers', async () => {
    const { state, clock } = fakeClock(true);
    limitHeaders = { 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': '120' };
    const limits = new RateLimits({ waitForReset: true, clock, maxWaitMs: 60_000 });
    const client = clientWith(limits);
    await getCodes(client);
    await getCodes(client);
    expect(state.waits).toEqual([]);
    limitHeaders = { 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': '5' };
    await getCodes(client);
    const other = await startFakeApi();
    try {
      await limits.fetch()(new Request(`${other.url}/oauth/v2/token`, { method: 'POST' }));
      expect(state.waits).toEqual([]);
      await getCodes(client);
      expect(state.waits).toEqual([5_000]);
    } finally {
      await other.close();
    }
  });
});
