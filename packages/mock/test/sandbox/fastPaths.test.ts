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
import { hourMs, organizationId, singleCodeProgram } from './support.js';

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
