/**
 * The sandbox shares the mock's layer, but its answers follow state: the mock's reuse of an answer
 * to the same request, and its once-per-body-object answer check, must never serve it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMockLogger } from '../../src/logger.js';
import { createPrismConfig } from '../../src/prismConfig.js';
import { bundledSpecPath } from '../../src/bundledSpec.js';
import { loadSpecOperations } from '../../src/specOperations.js';
import { createEngineMock } from '../../src/sandbox/engineMock.js';
import { createEnginePipeline } from '../../src/sandbox/enginePipeline.js';
import { createInProcessFetch } from '../../src/sandbox/inProcessFetch.js';
import type { SpecViolation } from '../../src/violations.js';
import { startSandbox, type RunningSandbox } from '../../src/index.js';
import { hourMs, multiCodeProgram, organizationId, singleCodeProgram, testSandbox } from './support.js';

describe('over HTTP, the same request after a change of state gets the new state', () => {
  let sandbox: RunningSandbox;
  let authorization: string;
  const programs = () => `${sandbox.url}/v1/organizations/${organizationId}/voucher-programs`;

  beforeAll(async () => {
    // Listening on loopback with the default (fast paths on, quiet log), as partners run it in CI.
    sandbox = await startSandbox({ clock: 'manual', seed: 'fast-paths', strict: true, onViolation: () => {} });
    const token = await fetch(sandbox.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=app&client_secret=secret',
    });
    authorization = `Bearer ${((await token.json()) as { access_token: string }).access_token}`;
  });
  afterAll(() => sandbox.stop());

  const get = async (url: string) => {
    const answer = await fetch(url, { headers: { authorization } });
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  };

  test('a program read, then updated, then read with the very same request', async () => {
    const created = await fetch(programs(), { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(singleCodeProgram(sandbox, 5)) });
    expect(created.status).toBe(200);
    const url = `${programs()}/${((await created.json()) as { voucher_program_id: string }).voucher_program_id}`;

    const before = await get(url);
    expect(before).toMatchObject({ status: 200, body: { name: 'Team dinner' } });
    expect(await get(url), 'the same state, the same answer').toEqual(before);

    const renamed = await fetch(url, { method: 'PATCH', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Team lunch' }) });
    expect(renamed.status).toBe(200);
    const after = await get(url);
    expect(after).toMatchObject({ status: 200, body: { name: 'Team lunch' } });

    // The clock alone changes the answer too: the program starts.
    sandbox.clock.advance(2 * hourMs);
    const started = await get(url);
    expect(started.body.status).not.toBe(after.body.status);
    expect(sandbox.violations).toEqual([]);
  });

  test('a search, then a new program, then the same search', async () => {
    const search = () => fetch(`${programs()}/search`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: '{"limit":100,"offset":0}' });
    const first = await search();
    expect(first.status).toBe(200);
    const before = (await first.json()) as Record<string, unknown>;
    const created = await fetch(programs(), { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(singleCodeProgram(sandbox, 2, { name: 'Late addition' })) });
    expect(created.status).toBe(200);
    const after = (await (await search()).json()) as Record<string, unknown>;
    expect(JSON.stringify(after)).toContain('Late addition');
    expect(after).not.toEqual(before);
  });
});

describe("every engine answer is checked against the spec, even the same object changed in place", () => {
  test('an answer object that was valid, then changed to break the spec, is reported the second time', async () => {
    const operations = await loadSpecOperations(bundledSpecPath, { precomputed: true });
    const reported: SpecViolation[][] = [];
    // An engine that hands out one object it keeps and changes: state held by reference.
    const held: Record<string, unknown> = { code: 'resource_not_found', message: 'no such program' };
    const mock = createEngineMock((id): id is string => id !== undefined, () => ({ status: 404, body: held }));
    const handler = createEnginePipeline({
      operations,
      mock,
      config: { ...createPrismConfig({}), errors: false },
      logger: createMockLogger('silent'),
      maxBodyBytes: 1024,
      onViolations: (_request, violations) => void reported.push(violations),
    });
    const fetchIn = createInProcessFetch(handler, () => true);
    const program = 'http://sandbox.invalid/v1/organizations/org/voucher-programs/p-1';
    expect((await fetchIn(program, { headers: { authorization: 'Bearer any' } })).status).toBe(404);
    expect(reported).toEqual([]);
    held.message = 42;
    const second = await fetchIn(program, { headers: { authorization: 'Bearer any' } });
    expect(await second.json()).toMatchObject({ message: 42 });
    expect(reported).toHaveLength(1);
  });
});

describe("the sandbox's shortcuts against Prism's full path", () => {
  test('two sandboxes of the same seed, one with fastPaths off, answer the same calls alike, valid and refused', async () => {
    const startMs = Date.UTC(2026, 0, 5, 9);
    const [fast, full] = await Promise.all([true, false].map((fastPaths) => testSandbox({ seed: 'shortcuts', startMs, fastPaths })));
    try {
      const answersOf = async (sandbox: RunningSandbox) => {
        const answers: unknown[] = [];
        const call = async (method: string, path: string, init: { headers?: Record<string, string>; body?: unknown } = {}) => {
          const headers = { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers };
          const answer = await sandbox.fetch(`${sandbox.url}${path}`, { method, headers, ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}) });
          const text = await answer.text();
          answers.push({ call: `${method} ${path}`, status: answer.status, type: answer.headers.get('content-type'), violations: answer.headers.get('sl-violations'), allow: answer.headers.get('allow'), text });
          return text;
        };
        const token = await sandbox.fetch(sandbox.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=app&client_secret=secret' });
        const authorization = `Bearer ${((await token.json()) as { access_token: string }).access_token}`;
        const bearer = { authorization };
        const programs = `/v1/organizations/${organizationId}/voucher-programs`;
        const created = JSON.parse(await call('POST', programs, { headers: bearer, body: singleCodeProgram(sandbox, 3) })) as { voucher_program_id: string };
        const program = `${programs}/${created.voucher_program_id}`;
        const multi = JSON.parse(await call('POST', programs, { headers: bearer, body: multiCodeProgram(sandbox, 5) })) as { voucher_program_id: string };
        for (let time = 0; time < 2; time++) {
          await call('GET', program, { headers: bearer });
          await call('GET', `${program}?include_guests=true`, { headers: bearer });
          await call('GET', `${program}?include_guests=maybe`, { headers: bearer });
          await call('POST', `${programs}/search`, { headers: bearer, body: { limit: 10, offset: 0 } });
          await call('POST', `${programs}/search`, { headers: bearer, body: { limit: 'ten', offset: 0 } });
          await call('POST', `${programs}/search`, { headers: bearer, body: '{"limit":' });
          await call('GET', program);
          await call('GET', program, { headers: { authorization: 'Bearer not-issued' } });
          await call('GET', program, { headers: { ...bearer, accept: 'text/html' } });
          await call('GET', `${programs}/00000000-0000-4000-8000-000000000000`, { headers: bearer });
          await call('DELETE', `${programs}/search`, { headers: bearer });
          await call('GET', `${programs}/${multi.voucher_program_id}/codes`, { headers: bearer });
          await call('PATCH', program, { headers: bearer, body: { name: `Renamed ${time}` } });
          await call('PATCH', program, { headers: bearer, body: { name: 42 } });
          sandbox.clock.advance(2 * hourMs);
        }
        await call('GET', `${programs}/${multi.voucher_program_id}/codes`, { headers: bearer });
        await call('DELETE', program, { headers: bearer });
        await call('GET', program, { headers: bearer });
        return answers;
      };
      const fromFast = await answersOf(fast!);
      expect(fromFast).toEqual(await answersOf(full!));
      expect(new Set(fromFast.map((answer) => (answer as { status: number }).status)).size, 'answers of many kinds').toBeGreaterThanOrEqual(5);
      expect(fast!.violations).toEqual([]);
    } finally {
      await Promise.all([fast!.stop(), full!.stop()]);
    }
  });
});
