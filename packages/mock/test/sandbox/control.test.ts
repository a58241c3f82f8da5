import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/index.js';
import { clientFor, expectNoViolations, singleCodeProgram } from './support.js';

let sandbox: RunningSandbox;
const startMs = Date.UTC(2027, 0, 1);
beforeAll(async () => {
  // Over a real loopback port, as a partner on another language would use it.
  sandbox = await startSandbox({ port: 0, clock: 'manual', startMs, seed: 'control', strict: true, logLevel: 'silent', onViolation: () => {} });
});
afterAll(() => sandbox?.stop());

const control = (path: string, body?: unknown) =>
  fetch(`${sandbox.url}/__sandbox/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the control API under /__sandbox/', () => {
  test('reads, advances and sets the clock; time never goes back', async () => {
    expect(await (await control('clock')).json()).toEqual({ now: startMs, mode: 'manual' });
    expect(await (await control('clock/advance', { ms: 1_500 })).json()).toEqual({ now: startMs + 1_500, mode: 'manual' });
    expect(sandbox.clock.now()).toBe(startMs + 1_500);
    expect(await (await control('clock/set', { now: startMs + 10_000 })).json()).toEqual({ now: startMs + 10_000, mode: 'manual' });
    const back = await control('clock/set', { now: startMs });
    expect(back.status).toBe(400);
    expect(await back.json()).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('cannot go back') });
    expect(sandbox.clock.now()).toBe(startMs + 10_000);
    expectNoViolations(sandbox);
  });

  test('requests are validated against the control API own spec', async () => {
    for (const body of [{ ms: -1 }, { ms: 1.5 }, { ms: '10' }, {}, { ms: 1, extra: true }]) {
      const answer = await control('clock/advance', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(((await answer.json()) as { code: string }).code).toBe('invalid_request');
    }
    const unknown = await fetch(`${sandbox.url}/__sandbox/webhooks`);
    expect(unknown.status).toBe(404);
    expectNoViolations(sandbox);
  });

  test('reset forgets programs, keeps tokens and the clock, and replays the same ids', async () => {
    const client = clientFor(sandbox);
    const before = await client.programs.createVoucherProgram({ body: singleCodeProgram(sandbox, 2) });
    const now = sandbox.clock.now();
    expect((await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' })).status).toBe(204);
    expect(sandbox.clock.now()).toBe(now);
    const error = await client.programs.getVoucherProgram({ path: { voucher_program_id: before.voucher_program_id } }).catch((reason: unknown) => reason);
    expect((error as { status: number }).status).toBe(404);
    // Same seed, same calls after a reset: the same ids and code, with the client's old token.
    const after = await client.programs.createVoucherProgram({ body: singleCodeProgram(sandbox, 2) });
    expect(after).toEqual(before);
    expectNoViolations(sandbox);
  });
});
