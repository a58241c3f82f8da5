import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { redactSecrets } from '../src/redactSecrets.js';
import { listeningUrl, runCli } from './support/cli.js';
import { exchange } from './support/http.js';

const program = '/v1/organizations/7b3f7c4e-2a5d-4b8e-9f61-0c1d2e3f4a5b/voucher-programs/5f0c2a51-8e3b-4d7a-b1c9-2e4f6a8b0c1d';
// Canaries: none may appear in any log line, at any level, in either format.
const token = 'canary-token-7f3a91';
const password = 'canary-password-52c0';
const cookie = 'canary-cookie-e81d';

describe('secrets in log lines', () => {
  test.each([
    ['\tauthorization: Bearer abc.def-ghi', '\tauthorization: [redacted]'],
    ['\tAuthorization: Basic dXNlcjpwYXNz', '\tAuthorization: [redacted]'],
    ['\tcookie: session=abc; other=def', '\tcookie: [redacted]'],
    ['\tx-uber-signature: 5e2f…', '\tx-uber-signature: [redacted]'],
    ['Forwarding "GET" request to https://user:pass@upstream.example/v1/x...', 'Forwarding "GET" request to https://[redacted]@upstream.example/v1/x...'],
    ['GET /callback?code=abc123&state=s1 → 200', 'GET /callback?code=[redacted]&state=s1 → 200'],
    ['token sent as Bearer abc.def', 'token sent as Bearer [redacted]'],
  ])('%j', (line, redacted) => expect(redactSecrets(line)).toBe(redacted));

  test.each([
    'GET /v1/organizations/org-1/voucher-programs?limit=5 → 200 in 3 ms',
    // Prism's Prefer, which a reader debugging `Prefer: code=404` needs to see.
    '\tprefer: code=404, example=resource_not_found',
  ])('leaves a line without secrets alone: %j', (line) => expect(redactSecrets(line)).toBe(line));
});

// Prism prints every forwarded header and the upstream URL at debug level: through the CLI, as partners run it.
describe('proxy mode at debug level', () => {
  let upstream: Server;
  let upstreamUrl: string;
  beforeAll(async () => {
    upstream = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'set-cookie': `session=${cookie}` }).end('{"voucher_program_id":"p","name":"n","currency_code":"USD","code_scheme":"SINGLE_CODE_MULTI_REDEEM","voucher_type":"EATS","starts_at":1,"ends_at":2,"status":"ACTIVE"}');
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `http://partner:${password}@127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => upstream?.close(resolve)));
  vi.setConfig({ testTimeout: 40_000 });

  test.each(['pretty', 'json'])('prints no token, password or cookie (%s)', async (format) => {
    const run = runCli(['proxy', upstreamUrl, '--port', '0', '--log-level', 'debug', '--log-format', format]);
    const url = await listeningUrl(run);
    const answer = await exchange(`${url}${program}?access_token=${token}`, { headers: { authorization: `Bearer ${token}`, cookie: `session=${cookie}` } });
    expect(answer.status).toBeGreaterThan(0);
    run.child.kill('SIGTERM');
    await run.exited;
    const output = run.stdout() + run.stderr();
    // The debug output did print the headers and the forwarding line: redacted, not dropped.
    expect(output).toMatch(/authorization: \[redacted\]/i);
    expect(output).toContain('[redacted]@127.0.0.1');
    for (const canary of [token, password, cookie]) expect(output).not.toContain(canary);
  });
});
