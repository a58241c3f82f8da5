import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listeningUrl, runCli } from '../support/cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function appToken(url: string): Promise<string> {
  const answer = await fetch(`${url}/oauth/v2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=ci&client_secret=ci' });
  return ((await answer.json()) as { access_token: string }).access_token;
}

describe('voucher-programs-mock sandbox', () => {
  test('prints its URL, keeps state across a SIGTERM and a restart from --state, and resumes its manual clock', { timeout: 60_000 }, async () => {
    const stateFile = join(dir, 'sandbox.json');
    const args = ['sandbox', '--port', '0', '--seed', 'cli-test', '--clock', 'manual', '--state', stateFile];
    const first = runCli(args);
    const url = await listeningUrl(first);
    expect(first.stdout()).toContain('seed cli-test, manual clock');
    const token = await appToken(url);
    const advanced = (await (await fetch(`${url}/__sandbox/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ms":5000}' })).json()) as { now: number };
    const now = advanced.now;
    const created = await fetch(`${url}/v1/organizations/cli-org/voucher-program-templates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ template_name: 'Night shuttle', currency_code: 'USD', value_per_trip_max_amount: 30, value_per_period_max_trips: 2 }),
    });
    const { uuid } = (await created.json()) as { uuid: string };
    // A fault rule set over the control API, one of its two hits spent before the restart.
    const fault = { fault: 'service_unavailable', operation_id: 'getVoucherProgramTemplate', count: 2 };
    await fetch(`${url}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });
    const readTemplate = (base: string) => fetch(`${base}/v1/organizations/cli-org/voucher-program-templates/${uuid}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await readTemplate(url)).status).toBe(503);
    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(first.stderr()).toContain(`SIGTERM: stopping, writing ${stateFile}`);
    expect(JSON.parse(await readFile(stateFile, 'utf8'))).toMatchObject({ format: 'voucher-programs-sandbox-state', seed: 'cli-test', savedAt: now });

    const second = runCli(args);
    const again = await listeningUrl(second);
    try {
      // The fault rule carries on with its last hit, then the token from before the restart still
      // works: tokens are part of the state.
      expect(await (await fetch(`${again}/__sandbox/faults`)).json()).toEqual({ faults: [{ rule_id: 'fault-1', fault: 'service_unavailable', operation_id: 'getVoucherProgramTemplate', remaining: 1, rate: null }] });
      expect((await readTemplate(again)).status).toBe(503);
      const template = await readTemplate(again);
      expect(template.status).toBe(200);
      expect(((await template.json()) as { template_name: string }).template_name).toBe('Night shuttle');
      expect(await (await fetch(`${again}/__sandbox/clock`)).json()).toEqual({ now, mode: 'manual' });
    } finally {
      second.child.kill('SIGINT');
      expect(await second.exited).toEqual({ code: 0, signal: null });
    }
  });

  test('a state file that is not one is refused with a message, and left as it was', async () => {
    const stateFile = join(dir, 'not-state.json');
    await writeFile(stateFile, '{"hello":"world"}');
    const run = runCli(['sandbox', '--port', '0', '--state', stateFile]);
    expect((await run.exited).code).toBe(1);
    expect(run.stderr()).toContain('is not a sandbox state file');
    expect(await readFile(stateFile, 'utf8')).toBe('{"hello":"world"}');
  });

  test('bad flags are usage errors', async () => {
    const run = runCli(['sandbox', '--clock', 'fast']);
    expect((await run.exited).code).toBe(2);
    expect(run.stderr()).toContain('--clock must be real or manual, not "fast"');
  });
});
