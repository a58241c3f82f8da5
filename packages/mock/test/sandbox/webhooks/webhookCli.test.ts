import { afterEach, describe, expect, test, vi } from 'vitest';
import { listeningUrl, runCli, type CliRun } from '../../support/cli.js';
import { checkedEvents } from './support/checkedEvents.js';
import { startPartnerReceiver, type PartnerReceiver } from './support/receiver.js';

const signingKey = 'whsec_cli_only_in_the_environment';
let runs: CliRun[] = [];
let partner: PartnerReceiver | undefined;
afterEach(async () => {
  for (const run of runs) if (run.child.exitCode === null) run.child.kill('SIGKILL');
  runs = [];
  await partner?.close();
  partner = undefined;
});

function cli(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const run = runCli(['sandbox', '--port', '0', '--clock', 'manual', '--seed', 'webhook-cli', ...args], { UBER_WEBHOOK_SIGNING_KEY: '', ...env });
  runs.push(run);
  return run;
}

async function post(url: string, body: unknown, token?: string): Promise<unknown> {
  const answer = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return answer.json();
}

describe('voucher-programs-mock sandbox --webhook-url', () => {
  test('delivers the events a partner causes, signed with the key from the environment, and never prints the key', { timeout: 60_000 }, async () => {
    partner = await startPartnerReceiver(signingKey);
    const run = cli(['--webhook-url', partner.url, '--signing-key-env', 'PARTNER_KEY', '--log-level', 'info'], { PARTNER_KEY: signingKey });
    const url = await listeningUrl(run);
    expect(run.stdout()).toContain(`Delivering webhooks to ${partner.url}`);

    const tokenAnswer = await fetch(`${url}/oauth/v2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=ci&client_secret=ci' });
    const { access_token: token } = (await tokenAnswer.json()) as { access_token: string };
    const { now } = (await post(`${url}/__sandbox/clock/advance`, { ms: 0 })) as { now: number };
    await post(
      `${url}/v1/organizations/cli-org/voucher-programs`,
      { name: 'Late shift', currency_code: 'USD', code_scheme: 'MULTI_CODE_SINGLE_REDEEM', voucher_type: 'PERSONAL_TRANSPORT', number_of_codes: 1, value_per_trip_max_amount: 20, starts_at: now + 1_000, ends_at: now + 86_400_000 },
      token,
    );
    await post(`${url}/__sandbox/clock/advance`, { ms: 1_000 });
    await vi.waitFor(() => expect(partner!.handled).toHaveLength(1), { timeout: 10_000, interval: 20 });
    expect(checkedEvents(partner, signingKey).map((event) => event.event_type)).toEqual(['voucher_program_activated']);
    await vi.waitFor(() => expect(run.stderr()).toContain('voucher_program_activated'), { timeout: 5_000, interval: 20 });
    expect(run.stderr()).toMatch(/webhook voucher_program_activated \S+ -> http:\/\/127\.0\.0\.1:\d+\/webhooks\/uber: 200 acknowledged/);

    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.stdout() + run.stderr()).not.toContain(signingKey);
  });

  test('without the key in the environment it names the variable and exits 2', async () => {
    const run = cli(['--webhook-url', 'http://127.0.0.1:9/hook', '--signing-key-env', 'MISSING_KEY']);
    expect(await run.exited).toEqual({ code: 2, signal: null });
    expect(run.stderr()).toContain('--webhook-url needs a signing key: set it in the environment variable MISSING_KEY');
  });

  test('a key on the command line is refused without being repeated', async () => {
    const run = cli(['--webhook-url', 'http://127.0.0.1:9/hook', '--signing-key', 'whsec_pasted_by_mistake']);
    expect(await run.exited).toEqual({ code: 2, signal: null });
    expect(run.stderr()).toContain('never taken from the command line');
    expect(run.stderr()).not.toContain('whsec_pasted_by_mistake');
  });
});
