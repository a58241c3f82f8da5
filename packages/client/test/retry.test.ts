import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AbortError, ApiError, ConnectionError, defaultRetryPolicy, TimeoutError, VoucherProgramsClient, type VoucherProgramsClientOptions } from '../src/index.js';
import { backoffDelayMs, serverRequestedDelayMs } from '../src/retry.js';
import { json, startFakeApi, type FakeApi } from './fake-api.js';

let api: FakeApi;
beforeEach(async () => {
  api = await startFakeApi();
});
afterEach(() => api.close());

const fast = { initialDelayMs: 1, maxDelayMs: 5 };
function client(options: Partial<VoucherProgramsClientOptions> = {}) {
  return new VoucherProgramsClient({ baseUrl: api.url, organizationId: 'o', auth: { type: 'token', token: 't' }, retry: fast, ...options });
}
const getCodes = (c: VoucherProgramsClient, init: { signal?: AbortSignal } = {}) => c.codes.getVoucherCodes({ path: { voucher_program_id: 'p1' }, ...init });
/** Fails the first `failures` API requests with `status`, then answers 200. */
function failFirst(failures: number, status: number, headers: Record<string, string> = {}) {
  let seen = 0;
  api.handle((request, response) => (++seen <= failures ? json(response, status, { code: status === 429 ? 'rate_limited' : 'internal_server_error', message: 'try later' }, headers) : json(response, 200, { codes: [] })));
}

describe('waiting before a retry', () => {
  const now = Date.parse('2026-11-22T10:00:00Z');
  it('reads Retry-After in seconds and as an HTTP date', () => {
    expect(serverRequestedDelayMs(new Headers({ 'Retry-After': '3' }), 429, now)).toBe(3000);
    expect(serverRequestedDelayMs(new Headers({ 'Retry-After': 'Sun, 22 Nov 2026 10:00:07 GMT' }), 429, now)).toBe(7000);
    expect(serverRequestedDelayMs(new Headers({ 'Retry-After': 'Sun, 22 Nov 2026 09:00:00 GMT' }), 429, now)).toBe(0);
    expect(serverRequestedDelayMs(new Headers({ 'Retry-After': 'soon' }), 429, now)).toBeUndefined();
  });
  it('reads X-Rate-Limit-Reset as Unix seconds, Unix ms, or seconds from now', () => {
    expect(serverRequestedDelayMs(new Headers({ 'X-Rate-Limit-Reset': String(now / 1000 + 12) }), 429, now)).toBe(12_000);
    expect(serverRequestedDelayMs(new Headers({ 'X-Rate-Limit-Reset': String(now + 1500) }), 429, now)).toBe(1500);
    expect(serverRequestedDelayMs(new Headers({ 'X-Rate-Limit-Reset': '4' }), 429, now)).toBe(4000);
    expect(serverRequestedDelayMs(new Headers({ 'Retry-After': '1', 'X-Rate-Limit-Reset': '4' }), 429, now)).toBe(1000);
    expect(serverRequestedDelayMs(new Headers(), 429, now)).toBeUndefined();
  });
  it('reads X-Rate-Limit-Reset only on a 429: Uber sends it on every answer, and a 5xx or 409 is not about the window', () => {
    const headers = new Headers({ 'X-Rate-Limit-Reset': String(now / 1000 + 5) });
    for (const status of [409, 500, 503]) expect(serverRequestedDelayMs(headers, status, now)).toBeUndefined();
    expect(serverRequestedDelayMs(new Headers({ 'Retry-After': '2', 'X-Rate-Limit-Reset': '9' }), 503, now)).toBe(2000);
  });
  it('backs off exponentially, capped, with at most 25 % jitter taken off', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, defaultRetryPolicy, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(backoffDelayMs(2, defaultRetryPolicy, () => 0.999)).toBe(1501);
  });
});

describe('retries of operations the spec marks x-idempotent', () => {
  it('retries a 503 and a 429 until success', async () => {
    failFirst(2, 503);
    await expect(getCodes(client())).resolves.toEqual({ codes: [] });
    expect(api.requests).toHaveLength(3);
    failFirst(1, 429);
    await getCodes(client());
    expect(api.requests).toHaveLength(5);
  });

  it('stops after maxRetries and throws the last answer', async () => {
    failFirst(10, 500);
    const error = await getCodes(client({ retry: { ...fast, maxRetries: 1 } })).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 500, code: 'internal_server_error' });
    expect(api.requests).toHaveLength(2);
  });

  it('does not retry other client errors', async () => {
    failFirst(1, 400);
    await expect(getCodes(client())).rejects.toMatchObject({ status: 400 });
    expect(api.requests).toHaveLength(1);
  });

  it('sends a fresh, complete copy of a POST body on every attempt', async () => {
    failFirst(2, 502);
    await client().programs.searchVoucherPrograms({ body: { limit: 10, offset: 20, program_status: 'ACTIVE' } });
    expect(api.requests).toHaveLength(3);
    for (const request of api.requests) expect(JSON.parse(request.body)).toEqual({ limit: 10, offset: 20, program_status: 'ACTIVE' });
  });

  it('honours Retry-After in seconds', async () => {
    failFirst(1, 429, { 'Retry-After': '1' });
    const started = performance.now();
    await getCodes(client());
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 2000);
    failFirst(1, 503, { 'Retry-After': at.toUTCString() }); // whole seconds: waits 1 to 2 s
    const started = Date.now();
    await getCodes(client());
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime() - 1000);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('gives a 429 back at once when the server asks for a longer wait than allowed', async () => {
    failFirst(1, 429, { 'Retry-After': '3600' });
    const error = await getCodes(client()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('rate_limited');
    expect((error as ApiError).headers.get('retry-after')).toBe('3600');
    expect(api.requests).toHaveLength(1);
  });

  it('retries network failures of idempotent calls', async () => {
    let calls = 0;
    const flaky = (request: Request, init?: RequestInit) => (++calls === 1 ? Promise.reject(new TypeError('fetch failed')) : fetch(request, init));
    await expect(getCodes(client({ fetch: flaky }))).resolves.toEqual({});
    expect(calls).toBe(2);
  });
});

describe('operations the spec marks x-idempotent: false', () => {
  const distribute = (c: VoucherProgramsClient) => c.codes.distributeVoucherCodes({ path: { voucher_program_id: 'p1' }, body: { codes: ['c1'] } });

  it.each([500, 503, 429])('never repeats distributeVoucherCodes after a %i', async (status) => {
    failFirst(5, status, { 'Retry-After': '0' });
    await expect(distribute(client())).rejects.toMatchObject({ status, operationId: 'distributeVoucherCodes' });
    expect(api.requests).toHaveLength(1);
  });

  it('never repeats distributeVoucherCodes after a network failure', async () => {
    let calls = 0;
    const failing = () => (calls++, Promise.reject(new TypeError('fetch failed')));
    await expect(distribute(client({ fetch: failing }))).rejects.toBeInstanceOf(ConnectionError);
    expect(calls).toBe(1);
  });
});

describe('timeouts, deadlines and aborts', () => {
  const hang = () => api.handle(() => new Promise(() => {}));

  it('times out one attempt', async () => {
    hang();
    const started = performance.now();
    const error = await getCodes(client({ timeoutMs: 100, retry: false })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as TimeoutError).operationId).toBe('getVoucherCodes');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('bounds attempts and waits together by the deadline', async () => {
    hang();
    const started = performance.now();
    const error = await getCodes(client({ timeoutMs: 100, deadlineMs: 250, retry: { initialDelayMs: 10, maxRetries: 10 } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(performance.now() - started).toBeLessThan(600);
    expect(api.requests.length).toBeGreaterThanOrEqual(2);
    expect(api.requests.length).toBeLessThanOrEqual(3);
  });

  it('stops waiting for a retry at once when the caller aborts', async () => {
    failFirst(5, 503, { 'Retry-After': '30' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const error = await getCodes(client(), { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(performance.now() - started).toBeLessThan(500);
    expect(api.requests).toHaveLength(1);
  });

  it('stops a request in flight when the caller aborts, without retrying', async () => {
    hang();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(getCodes(client(), { signal: controller.signal })).rejects.toBeInstanceOf(AbortError);
    expect(api.requests).toHaveLength(1);
  });

  it('runs without any time limit when asked, and still honours the caller’s abort', async () => {
    await expect(getCodes(client({ timeoutMs: Infinity, deadlineMs: Infinity }))).resolves.toEqual({});
    hang();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(getCodes(client({ timeoutMs: Infinity, deadlineMs: Infinity }), { signal: controller.signal })).rejects.toBeInstanceOf(AbortError);
  });

  it('does not send anything for an already aborted signal', async () => {
    await expect(getCodes(client(), { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(api.requests).toHaveLength(0);
  });
});
