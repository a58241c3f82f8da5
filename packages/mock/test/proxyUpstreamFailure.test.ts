import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startProxy, type RunningProxy, type UpstreamFailure } from '../src/index.js';
import { bearer, exchange } from './support/http.js';
import { conformanceProblems } from './support/spec.js';

const program = '/v1/organizations/7b3f7c4e-2a5d-4b8e-9f61-0c1d2e3f4a5b/voucher-programs/5f0c2a51-8e3b-4d7a-b1c9-2e4f6a8b0c1d';
// In the upstream URL and the request's query: neither may be repeated to the caller or in a report.
const password = 'upstream-password-not-for-logs';
const queryValue = 'query-value-not-for-logs';

function listenOnLoopback(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

let deadPort: number;
let dropping: Server;
let droppingPort: number;
let unreachable: RunningProxy;
let dropped: RunningProxy;
const reported: UpstreamFailure[] = [];

beforeAll(async () => {
  // A port taken from the OS and released again: nothing listens on it.
  const closed = createServer();
  deadPort = await listenOnLoopback(closed);
  await new Promise((resolve) => closed.close(resolve));
  // An upstream that accepts each request and then drops the connection without answering.
  dropping = createServer((request) => request.socket.destroy());
  droppingPort = await listenOnLoopback(dropping);
  unreachable = await startProxy({
    upstream: `http://partner:${password}@127.0.0.1:${deadPort}/base`,
    logLevel: 'silent',
    onUpstreamFailure: (report) => reported.push(report),
  });
  dropped = await startProxy({ upstream: `http://127.0.0.1:${droppingPort}`, logLevel: 'silent' });
});
afterAll(async () => {
  await unreachable?.stop();
  await dropped?.stop();
  await new Promise((resolve) => dropping?.close(resolve));
});

describe('proxy mode when the upstream gives no answer', () => {
  test('an unreachable upstream is a 502 in the Error model naming the upstream and the cause, without secrets', async () => {
    const answer = await exchange(`${unreachable.url}${program}?include_guests=true&note=${queryValue}`, { headers: bearer });
    expect(answer.status).toBe(502);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(conformanceProblems(undefined, answer.status, answer.body)).toEqual([]);
    const body = answer.body as { code: string; message: string };
    expect(body.code).toBe('internal_server_error');
    expect(body.message).toContain(`http://127.0.0.1:${deadPort}/base`);
    expect(body.message).toContain('ECONNREFUSED');
    expect(answer.text).not.toContain(password);
    expect(answer.text).not.toContain('partner');
    expect(answer.text).not.toContain(queryValue);
    expect(unreachable.upstreamFailures).toEqual([
      { method: 'GET', path: program, reason: expect.stringContaining('ECONNREFUSED') },
    ]);
    expect(reported).toEqual(unreachable.upstreamFailures);
    expect(JSON.stringify(reported)).not.toContain(password);
    expect(JSON.stringify(reported)).not.toContain(queryValue);
  });

  test('the proxy stays up: every failed request gets its own 502 and its own report', async () => {
    const before = unreachable.upstreamFailures.length;
    const answers = await Promise.all([1, 2, 3].map(() => exchange(`${unreachable.url}${program}`, { headers: bearer })));
    expect(answers.map((answer) => answer.status)).toEqual([502, 502, 502]);
    expect(unreachable.upstreamFailures.length - before).toBe(3);
  });

  test('an upstream that drops the connection is a 502 saying the connection was reset', async () => {
    const answer = await exchange(`${dropped.url}${program}`, { headers: bearer });
    expect(answer.status).toBe(502);
    expect(conformanceProblems(undefined, answer.status, answer.body)).toEqual([]);
    const { message } = answer.body as { message: string };
    expect(message).toContain(`http://127.0.0.1:${droppingPort}`);
    expect(message).toMatch(/socket hang up|ECONNRESET/);
    expect(dropped.upstreamFailures).toEqual([{ method: 'GET', path: program, reason: expect.stringMatching(/ECONNRESET/) }]);
  });

  test('an answer that says JSON but is not is a 502 too, naming the parse error and not the request URL', async () => {
    const garbled = createServer((request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"voucher_program_id":'));
    const port = await listenOnLoopback(garbled);
    const proxy = await startProxy({ upstream: `http://127.0.0.1:${port}`, logLevel: 'silent' });
    try {
      const answer = await exchange(`${proxy.url}${program}?note=${queryValue}`, { headers: bearer });
      expect(answer.status).toBe(502);
      expect(conformanceProblems(undefined, answer.status, answer.body)).toEqual([]);
      expect((answer.body as { message: string }).message).toMatch(new RegExp(`upstream http://127\\.0\\.0\\.1:${port}: its answer is not valid JSON \\(.+\\)\\.$`));
      expect(answer.text).not.toContain(queryValue);
      expect(answer.text).not.toContain(program);
      expect(proxy.upstreamFailures).toHaveLength(1);
    } finally {
      await proxy.stop();
      await new Promise((resolve) => garbled.close(resolve));
    }
  });

  test('an upstream that does not answer in time is a 504 naming the upstream and the wait; the late answer is dropped', async () => {
    let late: (() => void) | undefined;
    const hanging = createServer((request, response) => {
      late = () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    const port = await listenOnLoopback(hanging);
    const proxy = await startProxy({ upstream: `http://127.0.0.1:${port}`, logLevel: 'silent', upstreamTimeoutMs: 200 });
    try {
      const answer = await exchange(`${proxy.url}${program}`, { headers: bearer });
      expect(answer.status).toBe(504);
      expect(conformanceProblems(undefined, answer.status, answer.body)).toEqual([]);
      expect(answer.body).toEqual({ code: 'internal_server_error', message: `The proxy's upstream http://127.0.0.1:${port} gave no answer within 200 ms.` });
      expect(proxy.upstreamFailures).toEqual([{ method: 'GET', path: program, reason: 'no answer within 200 ms' }]);
      // The upstream answers after all: nothing more is reported, and the proxy still serves.
      late?.();
      expect((await exchange(`${proxy.url}/no/such/path`)).status).toBe(404);
      expect(proxy.upstreamFailures).toHaveLength(1);
    } finally {
      await proxy.stop();
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
    }
  });

  test('an upstream timeout that is not a whole number of milliseconds is refused at start', async () => {
    for (const upstreamTimeoutMs of [0, -1, 1.5, Number.NaN]) {
      await expect(startProxy({ upstream: 'http://127.0.0.1:9', logLevel: 'silent', upstreamTimeoutMs })).rejects.toThrow(/upstreamTimeoutMs must be a whole number/);
    }
  });

  test('a request the proxy refuses itself is not an upstream failure and keeps its status', async () => {
    const answer = await exchange(`${dropped.url}/no/such/path`, { headers: bearer });
    expect(answer.status).toBe(404);
    expect(dropped.upstreamFailures).toHaveLength(1);
  });
});
