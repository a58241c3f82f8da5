/** The sandbox answers only its own tokens and only for programs it holds: one of each, made now. */
export const benchOrganization = '/v1/organizations/7b3f7c4e-2a5d-4b8e-9f61-0c1d2e3f4a5b';

export interface SandboxProgram { authorization: string; path: string }

/** A token from the sandbox's token endpoint and a program created with it, active from now on. */
export async function sandboxProgram(url: string): Promise<SandboxProgram> {
  const token = await fetch(`${url}/oauth/v2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=bench&client_secret=bench' });
  if (token.status !== 200) throw new Error(`sandbox token endpoint answered ${token.status}`);
  const authorization = `Bearer ${((await token.json()) as { access_token: string }).access_token}`;
  const { now } = (await (await fetch(`${url}/__sandbox/clock`)).json()) as { now: number };
  const created = await fetch(`${url}${benchOrganization}/voucher-programs`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench', currency_code: 'USD', code_scheme: 'SINGLE_CODE_MULTI_REDEEM', voucher_type: 'PERSONAL_TRANSPORT', starts_at: now, ends_at: now + 86_400_000, redemptions_per_code: 10, value_per_trip_max_amount: 25 }),
  });
  if (created.status !== 200) throw new Error(`sandbox create program answered ${created.status}: ${await created.text()}`);
  const { voucher_program_id } = (await created.json()) as { voucher_program_id: string };
  return { authorization, path: `${benchOrganization}/voucher-programs/${voucher_program_id}` };
}
