import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startProxy, type RunningProxy, type ViolationReport } from '../src/index.js';
import { bearer, exchange } from './support/http.js';
import { conformanceProblems, findOperation } from './support/spec.js';

const organization = '/v1/organizations/7b3f7c4e-2a5d-4b8e-9f61-0c1d2e3f4a5b';
const goodProgram = `${organization}/voucher-programs/good`;
const badProgram = `${organization}/voucher-programs/bad`;
const program = {
  voucher_program_id: 'good',
  name: 'Team dinners',
  currency_code: 'USD',
  code_scheme: 'SINGLE_CODE_MULTI_REDEEM',
  voucher_type: 'EATS',
  starts_at: 1798761600000,
  ends_at: 1801440000000,
  status: 'ACTIVE',
};

// A partner's fake: right for one program, deliberately wrong (a numeric name, no status) for the other.
let upstream: Server;
let upstreamRequests = 0;
let proxy: RunningProxy;
let strict: RunningProxy;
const reported: ViolationReport[] = [];

beforeAll(async () => {
  upstream = createServer((request, response) => {
    upstreamRequests += 1;
    const wrong = request.url?.includes('/bad');
    const body = JSON.stringify(wrong ? { ...program, name: 42, status: undefined } : program);
    response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  proxy = await startProxy({ upstream: upstreamUrl, logLevel: 'silent', onViolation: (report) => reported.push(report) });
  strict = await startProxy({ upstream: upstreamUrl, logLevel: 'silent', errors: true });
});
afterAll(async () => {
  await proxy?.stop();
  await strict?.stop();
  await new Promise((resolve) => upstream?.close(resolve));
});

describe('proxy mode', () => {
  test('passes a conforming answer through and reports nothing', async () => {
    const answer = await exchange(`${proxy.url}${goodProgram}`, { headers: bearer });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(program);
    expect(answer.headers.get('sl-violations')).toBeNull();
    expect(proxy.violations).toEqual([]);
  });

  test('reports each way a wrong answer breaks the spec', async () => {
    const answer = await exchange(`${proxy.url}${badProgram}`, { headers: bearer });
    expect(answer.status).toBe(200); // passed on, as the upstream sent it
    expect(answer.headers.get('sl-violations')).toContain('name');
    expect(proxy.violations).toHaveLength(1);
    const [report] = proxy.violations;
    expect(report).toMatchObject({ method: 'GET', path: badProgram });
    const locations = report!.violations.map((violation) => violation.location.join('.'));
    expect(locations).toContain('response.body.name');
    expect(report!.violations.some((violation) => violation.message.includes('status'))).toBe(true);
    expect(reported).toEqual(proxy.violations);
  });

  test('with errors on, a wrong answer becomes a 500 in the spec Error model', async () => {
    const answer = await exchange(`${strict.url}${badProgram}`, { headers: bearer });
    expect(answer.status).toBe(500);
    expect(answer.body).toMatchObject({ code: 'internal_server_error' });
    expect(conformanceProblems(findOperation('getVoucherProgram'), answer.status, answer.body)).toEqual([]);
  });

  test('an invalid request from the partner\'s client is forwarded and reported too', async () => {
    const before = upstreamRequests;
    const count = proxy.violations.length;
    const answer = await exchange(`${proxy.url}${goodProgram}?include_guests=maybe`);
    expect(answer.status).toBe(200);
    expect(upstreamRequests).toBe(before + 1);
    const latest = proxy.violations.slice(count);
    expect(latest).toHaveLength(1);
    const locations = latest[0]!.violations.map((violation) => violation.location.join('.'));
    expect(locations).toEqual(expect.arrayContaining(['request', 'request.query.include_guests']));
  });
});
