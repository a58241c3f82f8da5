/** A client-credentials token from the sandbox's token endpoint (form-encoded, as Uber's). */
export async function clientCredentialsToken(tokenUrl: string): Promise<string> {
  const response = await fetch(tokenUrl, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'judges', client_secret: 'judges-secret', scope: 'organizations.voucher_programs' }),
    signal: AbortSignal.timeout(5_000),
  });
  const answer = (await response.json()) as { access_token?: string };
  if (response.status !== 200 || !answer.access_token) throw new Error(`the token endpoint answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer.access_token;
}
