import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { RunningSandbox } from '../../../src/index.js';
import { createFaultPlan, type FaultRuleInput } from '../../../src/sandbox/faults/index.js';
import { createRandomSource } from '../../../src/sandbox/random.js';
import { seededNumbers } from '../../../src/sandbox/webhooks/seededNumbers.js';
import { expectNoViolations, organizationId, testSandbox } from '../support.js';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  // Last in, first out: a sandbox writes its state file before its directory is removed.
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function stateFilePath(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'sandbox-faults-'));
  cleanup.push(() => rm(directory, { recursive: true, force: true }));
  return join(directory, 'state.json');
}

async function control(sandbox: RunningSandbox, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const answer = await sandbox.fetch(`${sandbox.url}/__sandbox/${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await answer.text();
  return { status: answer.status, body: text === '' ? undefined : JSON.parse(text) };
}

/** The statuses of `count` reads of a program that does not exist: 404 unless a fault hits. */
async function reads(sandbox: RunningSandbox, count: number): Promise<number[]> {
  const token = await sandbox.fetch(sandbox.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=partner-app&client_secret=partner-secret',
  });
  const authorization = `Bearer ${((await token.json()) as { access_token: string }).access_token}`;
  const statuses: number[] = [];
  for (let call = 0; call < count; call += 1) {
    const answer = await sandbox.fetch(`${sandbox.url}/v1/organizations/${organizationId}/voucher-programs/no-such-program`, { headers: { authorization } });
    await answer.arrayBuffer();
    statuses.push(answer.status);
  }
  return statuses;
}

// Three 503s, then a seeded coin flip between 500 and the real 404 for every read.
const rules: FaultRuleInput[] = [
  { fault: 'service_unavailable', operation_id: 'getVoucherProgram', count: 3 },
  { fault: 'internal_server_error', operation_id: 'getVoucherProgram', rate: 0.5 },
];
const seed = 'fault-state';

describe('fault rules in the state file', () => {
  test('a restart carries on: same rules, same remaining count, same seeded hits as a run without a restart', async () => {
    const unbroken = await testSandbox({ seed });
    cleanup.push(() => unbroken.stop());
    for (const rule of rules) expect((await control(unbroken, 'POST', 'faults', rule)).status).toBe(201);
    const expected = await reads(unbroken, 14);
    // The judge: three 503s, then a mix that a fixed answer could not match.
    expect(expected.slice(0, 3)).toEqual([503, 503, 503]);
    expect(new Set(expected.slice(3))).toEqual(new Set([500, 404]));

    const stateFile = await stateFilePath();
    const first = await testSandbox({ seed, stateFile });
    for (const rule of rules) await control(first, 'POST', 'faults', rule);
    // Split inside the count rule, then again inside the rate rule.
    const before = await reads(first, 2);
    const rulesAtStop = (await control(first, 'GET', 'faults')).body;
    await first.stop();
    const second = await testSandbox({ seed, stateFile });
    cleanup.push(() => second.stop());
    expect((await control(second, 'GET', 'faults')).body).toEqual(rulesAtStop);
    expect(rulesAtStop).toMatchObject({ faults: [{ rule_id: 'fault-1', remaining: 1 }, { rule_id: 'fault-2', rate: 0.5 }] });
    const middle = await reads(second, 5);
    await second.stop();
    const third = await testSandbox({ seed, stateFile });
    cleanup.push(() => third.stop());
    const after = await reads(third, 7);
    expect([...before, ...middle, ...after]).toEqual(expected);
    // A rule added after restarts never takes the id of one saved or spent.
    expect((await control(third, 'POST', 'faults', { fault: 'latency', latency_ms: 1 })).body).toMatchObject({ rule_id: 'fault-3' });
    expectNoViolations(third);
  });

  test('cleared rules stay cleared, and a file from before faults were saved starts with none', async () => {
    const stateFile = await stateFilePath();
    const first = await testSandbox({ seed, stateFile });
    await control(first, 'POST', 'faults', rules[0]);
    await first.stop();
    const saved = JSON.parse(await readFile(stateFile, 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ version: 1, faults: { version: 1, last_rule_number: 1, rate_draws: 0, rules: [{ rule_id: 'fault-1', remaining: 3 }] } });

    delete saved['faults'];
    await writeFile(stateFile, JSON.stringify(saved));
    const older = await testSandbox({ seed, stateFile });
    expect(older.faults.rules()).toEqual([]);
    expect(await reads(older, 1)).toEqual([404]);
    older.faults.add(rules[0]);
    older.faults.clear();
    await older.stop();
    const cleared = await testSandbox({ seed, stateFile });
    cleanup.push(() => cleared.stop());
    expect(cleared.faults.rules()).toEqual([]);
    expect(await reads(cleared, 1)).toEqual([404]);
  });

  test('rules given at start replace the saved ones; numbering and the seeded sequence carry on', async () => {
    const stateFile = await stateFilePath();
    const first = await testSandbox({ seed, stateFile, faults: [rules[1]!] });
    await reads(first, 3);
    await first.stop();
    const second = await testSandbox({ seed, stateFile, faults: [rules[0]!] });
    cleanup.push(() => second.stop());
    expect(second.faults.rules()).toEqual([expect.objectContaining({ rule_id: 'fault-2', fault: 'service_unavailable', remaining: 3 })]);
    expect(second.faults.snapshot().rate_draws).toBe(3);
  });

  test('a state file whose fault rules cannot be used is refused with the field named, and left as it was', async () => {
    const stateFile = await stateFilePath();
    const first = await testSandbox({ seed, stateFile, faults: [rules[0]!] });
    await first.stop();
    const saved = JSON.parse(await readFile(stateFile, 'utf8')) as { faults: { rules: Record<string, unknown>[] } };
    for (const [change, message] of [
      [(faults: { rules: Record<string, unknown>[] }) => (faults.rules[0]!['operation_id'] = 'getVoucherPrgram'), /rules\[0\]: The spec has no operation "getVoucherPrgram"/],
      [(faults: { rules: Record<string, unknown>[] }) => (faults.rules[0]!['remaining'] = 0), /rules\[0\]: count must be an integer/],
      [(faults: { rules: Record<string, unknown>[]; version?: number }) => (faults.version = 2), /unknown version/],
    ] as const) {
      const broken = structuredClone(saved);
      change(broken.faults);
      const text = JSON.stringify(broken);
      await writeFile(stateFile, text);
      await expect(testSandbox({ seed, stateFile })).rejects.toThrow(message);
      await expect(testSandbox({ seed, stateFile })).rejects.toThrow(/the saved fault rules cannot be used/);
      expect(await readFile(stateFile, 'utf8')).toBe(text);
    }
  });
});

describe('fault plan snapshot', () => {
  test('a plan restored from its snapshot, with the seeded numbers from its draw count, hits what the original would', () => {
    const operationIds = ['getVoucherProgram'];
    const random = createRandomSource('plan-snapshot');
    const original = createFaultPlan({ random: seededNumbers(random, 'fault-rate'), operationIds, rules: [{ fault: 'rate_limited', rate: 0.3 }] });
    const restoredFrom = createFaultPlan({ random: seededNumbers(random, 'fault-rate'), operationIds, rules: [{ fault: 'rate_limited', rate: 0.3 }] });
    const hits = (plan: typeof original, calls: number) => Array.from({ length: calls }, () => plan.next('getVoucherProgram') !== undefined);
    const expected = hits(original, 40);
    const head = hits(restoredFrom, 17);
    const state = restoredFrom.snapshot();
    expect(state.rate_draws).toBe(17);
    const restored = createFaultPlan({ random: seededNumbers(random, 'fault-rate', state.rate_draws), operationIds, state });
    expect([...head, ...hits(restored, 23)]).toEqual(expected);
    expect(expected.filter(Boolean).length).toBeGreaterThan(0);
    expect(expected.filter((hit) => !hit).length).toBeGreaterThan(0);
  });
});
