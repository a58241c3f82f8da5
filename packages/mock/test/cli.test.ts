import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exampleEvents, verifyWebhookSignature } from '@voucher-programs/webhooks';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { listeningUrl, runCli } from './support/cli.js';
import { bearer, exchange } from './support/http.js';
import { conformanceProblems, declaredErrorExamples, findOperation } from './support/spec.js';

const program = '/v1/organizations/7b3f7c4e-2a5d-4b8e-9f61-0c1d2e3f4a5b/voucher-programs/5f0c2a51-8e3b-4d7a-b1c9-2e4f6a8b0c1d';
const signingKey = 'test-signing-key-not-a-secret';

// One tiny server plays both a partner's webhook endpoint and a wrong upstream for proxy mode.
let partner: Server;
let partnerUrl: string;
const deliveries: { url: string; headers: Record<string, string | string[] | undefined>; body: string }[] = [];
beforeAll(async () => {
  partner = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.url?.startsWith('/webhooks')) {
        deliveries.push({ url: request.url, headers: request.headers, body });
        if (request.url.endsWith('/chatty')) response.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
        else response.writeHead(request.url.endsWith('/reject') ? 500 : 200).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"voucher_program_id":7}');
    });
  });
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
  partnerUrl = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => partner?.close(resolve)));

// Each CLI run is a fresh node process that imports Prism; on a busy 2-core runner that takes seconds.
vi.setConfig({ testTimeout: 40_000 });

describe('voucher-programs-mock', () => {
  test.concurrent.each(['SIGTERM', 'SIGINT'] as const)('prints its URL, answers, and exits 0 on %s', async (signal) => {
    const run = runCli(['--port', '0', '--log-level', 'warn']);
    const url = await listeningUrl(run);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await exchange(`${url}${program}`, { headers: bearer })).status).toBe(200);
    run.child.kill(signal);
    expect(await run.exited).toEqual({ code: 0, signal: null });
  });

  // Prism's spec reader, its Prefer parser and faker load on first use, not at start: each is used here.
  test.concurrent('a partner\'s own YAML spec, a Prefer and dynamic answers work from the built CLI', async () => {
    const run = runCli(['--spec', fileURLToPath(new URL('../../../generated/openapi.yaml', import.meta.url)), '--port', '0', '--dynamic', '--seed', '3', '--log-level', 'warn']);
    const url = await listeningUrl(run);
    const operation = findOperation('getVoucherProgram');
    const notFound = declaredErrorExamples(operation, '404');
    const [key, example] = Object.entries(notFound)[0]!;
    const preferred = await exchange(`${url}${program}`, { headers: { ...bearer, prefer: `code=404, example=${key}` } });
    expect(preferred.status).toBe(404);
    expect(preferred.body).toEqual(example);
    const badPrefer = await exchange(`${url}${program}`, { headers: { ...bearer, prefer: 'code=abc' } });
    expect(badPrefer.status).toBe(400);
    const dynamic = await exchange(`${url}${program}`, { headers: bearer });
    expect(dynamic.status).toBe(200);
    expect(conformanceProblems(operation, dynamic.status, dynamic.body)).toEqual([]);
    expect((await exchange(`${url}${program}`, { headers: bearer })).text).toBe(dynamic.text);
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
  });

  test.concurrent('a busy port: a clear message and exit 1', async () => {
    const port = String((partner.address() as AddressInfo).port);
    const run = runCli(['--port', port]);
    expect((await run.exited).code).toBe(1);
    expect(run.stderr()).toContain(`port ${port} on 127.0.0.1 is already in use`);
  });

  test.concurrent('a missing spec: a clear message and exit 1', async () => {
    const run = runCli(['--spec', 'missing/openapi.yaml', '--port', '0']);
    expect((await run.exited).code).toBe(1);
    expect(run.stderr()).toContain('spec file not found: missing/openapi.yaml');
  });

  test.concurrent.each([
    [['--port', 'http'], '--port must be a whole number'],
    [['--log-level', 'loud'], '--log-level must be one of'],
    [['--seed', '1'], '--seed only matters with --dynamic'],
    [['--colour'], 'unknown option --colour'],
    [['--log-format', 'xml'], '--log-format must be one of pretty, json'],
    [['proxy'], 'proxy needs the URL'],
    [['proxy', 'ftp://example'], 'is not an http(s) URL'],
    [['proxy', 'http://127.0.0.1:9', '--upstream-timeout', '0'], '--upstream-timeout must be a whole number from 1 to 3600000, not "0"'],
  ])('usage mistakes exit 2: %j', async (args, message) => {
    const run = runCli(args);
    expect((await run.exited).code).toBe(2);
    expect(run.stderr()).toContain(message);
  });

  test.concurrent('proxy mode reports a violation from a wrong upstream and exits 1 after SIGTERM', async () => {
    const run = runCli(['proxy', partnerUrl, '--port', '0', '--log-level', 'silent']);
    const url = await listeningUrl(run);
    const answer = await exchange(`${url}${program}`, { headers: bearer });
    expect(answer.body).toEqual({ voucher_program_id: 7 });
    expect(run.stderr()).toMatch(/VIOLATION GET \/v1\/organizations\/.+voucher_program_id must be string/);
    run.child.kill('SIGTERM');
    expect((await run.exited).code).toBe(1);
    expect(run.stderr()).toContain('1 answer broke the spec');
  });

  test.concurrent('proxy at the default log level says each violation and each failure once, beside one log line per request', async () => {
    const run = runCli(['proxy', partnerUrl, '--port', '0']);
    const url = await listeningUrl(run);
    await exchange(`${url}${program}`, { headers: bearer });
    run.child.kill('SIGTERM');
    await run.exited;
    expect(run.stderr().match(/voucher_program_id must be string/g), run.stderr()).toHaveLength(1);
    expect(run.stderr().match(new RegExp(`GET ${program} -> 200`, 'g'))).toHaveLength(1);
  });

  test.concurrent('proxy to an upstream nobody listens on: stays up, a 502 and a line per failed request, and exit 1 after SIGTERM', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const dead = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const password = 'upstream-password-not-for-logs';
    const run = runCli(['proxy', dead.replace('://', `://partner:${password}@`), '--port', '0', '--log-level', 'silent']);
    const url = await listeningUrl(run);
    for (let request = 0; request < 2; request += 1) {
      const answer = await exchange(`${url}${program}`, { headers: bearer });
      expect(answer.status).toBe(502);
      expect(answer.body).toMatchObject({ code: 'internal_server_error', message: expect.stringContaining(`upstream ${dead}: connect ECONNREFUSED`) });
    }
    run.child.kill('SIGTERM');
    expect((await run.exited).code).toBe(1);
    expect(run.stderr().match(new RegExp(`UPSTREAM FAILED GET ${program}: .*ECONNREFUSED`, 'g'))).toHaveLength(2);
    expect(run.stderr()).toContain(`2 requests got no good answer from ${dead} (unreachable, too slow or 5xx)`);
    expect(run.stdout()).toContain(`contract proxy for ${dead} listening`);
    expect(run.stdout() + run.stderr()).not.toContain(password);
  });

  test.concurrent('proxy to an upstream that never answers: a 504 and a line after --upstream-timeout, and exit 1 after SIGTERM', async () => {
    const hanging = createServer(() => {});
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const slow = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
    try {
      const run = runCli(['proxy', slow, '--port', '0', '--log-level', 'silent', '--upstream-timeout', '300']);
      const url = await listeningUrl(run);
      const answer = await exchange(`${url}${program}`, { headers: bearer });
      expect(answer.status).toBe(504);
      expect(answer.body).toEqual({ code: 'internal_server_error', message: `The proxy's upstream ${slow} gave no answer within 300 ms.` });
      run.child.kill('SIGTERM');
      expect((await run.exited).code).toBe(1);
      expect(run.stderr()).toContain(`UPSTREAM FAILED GET ${program}: no answer within 300 ms`);
      expect(run.stderr()).toContain(`1 request got no good answer from ${slow} (unreachable, too slow or 5xx)`);
    } finally {
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
    }
  });
});

describe('command line', () => {
  test.concurrent.each([
    [['--prot', '4010'], 'unknown option --prot; did you mean --port?'],
    [['--log-levl', 'warn'], 'unknown option --log-levl; did you mean --log-level?'],
    [['proxy', 'http://127.0.0.1:9', '--error'], 'unknown option --error; did you mean --errors?'],
    [['send-event', 'http://127.0.0.1:9/x', '--evnt', 'x'], 'unknown option --evnt; did you mean --event?'],
    [['--port'], '--port needs a value'],
  ])('%j: exit 2 and one line naming the flag meant', async (args, message) => {
    const run = runCli(args);
    expect((await run.exited).code).toBe(2);
    expect(run.stderr()).toBe(`voucher-programs-mock: ${message} (--help lists the options)\n`);
    expect(run.stdout()).toBe('');
  });

  test.concurrent('--version prints the package version', async () => {
    const run = runCli(['--version']);
    expect((await run.exited).code).toBe(0);
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(run.stdout()).toBe(`${version}\n`);
  });

  test.concurrent('logs one readable line per request at info, JSON lines with --log-format json', async () => {
    for (const format of ['pretty', 'json'] as const) {
      const run = runCli(['--port', '0', '--log-format', format]);
      const url = await listeningUrl(run);
      await exchange(`${url}${program}`, { headers: bearer });
      await exchange(`${url}${program}`);
      await exchange(`${url}/no/such/path`, { headers: bearer });
      run.child.kill('SIGTERM');
      await run.exited;
      const lines = run.stderr().split('\n').filter((line) => line !== '' && !line.startsWith('SIGTERM'));
      expect(lines, run.stderr()).toHaveLength(3);
      if (format === 'pretty') {
        expect(lines[0]).toMatch(new RegExp(`^info +GET ${program} -> 200 \\([\\d.]+ ms\\)$`));
        expect(lines[1]).toContain('-> 401');
        expect(lines[2]).toContain('GET /no/such/path -> 404');
      } else {
        const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
        expect(entries.map((entry) => [entry.level, entry.method, entry.status])).toEqual([
          ['info', 'GET', 200],
          ['info', 'GET', 401],
          ['info', 'GET', 404],
        ]);
      }
    }
  });
});

describe('send-event', () => {
  test.concurrent('signs an example event the way Uber does and reports the acknowledgement', async () => {
    const run = runCli(['send-event', `${partnerUrl}/webhooks/ok`, '--event', 'voucher_program_code_redeemed'], { UBER_WEBHOOK_SIGNING_KEY: signingKey });
    expect((await run.exited).code).toBe(0);
    expect(run.stdout()).toContain('voucher_program_code_redeemed -> ');
    expect(run.stdout()).toContain('200 acknowledged');
    const delivery = deliveries.find((candidate) => candidate.body.includes('voucher_program_code_redeemed'))!;
    expect(delivery.headers['x-environment']).toBe('sandbox');
    expect(() => verifyWebhookSignature(delivery.body, String(delivery.headers['x-uber-signature']), signingKey)).not.toThrow();
    expect(() => verifyWebhookSignature(delivery.body, String(delivery.headers['x-uber-signature']), 'another-key')).toThrow();
    expect(run.stdout() + run.stderr()).not.toContain(signingKey);
  });

  test.concurrent('each send carries a fresh event_id; --keep-event-id sends the example\'s own', async () => {
    const send = async (extra: string[]) => {
      const path = `/webhooks/id-${extra.length}-${Math.random()}`;
      const run = runCli(['send-event', `${partnerUrl}${path}`, '--event', 'voucher_program_activated', ...extra], { UBER_WEBHOOK_SIGNING_KEY: signingKey });
      expect((await run.exited).code).toBe(0);
      const delivery = deliveries.find((candidate) => candidate.url === path);
      return (JSON.parse(delivery!.body) as { event_id: string }).event_id;
    };
    const first = await send([]);
    const second = await send([]);
    expect(first).not.toBe(second);
    const kept = await send(['--keep-event-id']);
    expect(kept).toBe(exampleEvents.voucher_program_activated.event_id);
  });

  test.concurrent('an endpoint nobody listens on: exit 1 and one line naming the address and the cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const run = runCli(['send-event', `http://127.0.0.1:${port}/webhooks`, '--event', 'voucher_program_activated'], { UBER_WEBHOOK_SIGNING_KEY: signingKey });
    expect((await run.exited).code).toBe(1);
    expect(run.stderr()).toBe(`voucher-programs-mock: could not deliver voucher_program_activated to http://127.0.0.1:${port}/webhooks: connection refused (is the endpoint running?) (ECONNREFUSED)\n`);
  });

  test.concurrent('an endpoint that does not acknowledge: exit 1', async () => {
    const run = runCli(['send-event', `${partnerUrl}/webhooks/reject`, '--event', 'voucher_program_activated', '--environment', 'production'], { UBER_WEBHOOK_SIGNING_KEY: signingKey });
    expect((await run.exited).code).toBe(1);
    expect(run.stdout()).toContain('500 NOT acknowledged');
  });

  test.concurrent('an endpoint that answers 200 with a body has not acknowledged, as for the sandbox: exit 1 and the reason', async () => {
    const run = runCli(['send-event', `${partnerUrl}/webhooks/chatty`, '--event', 'voucher_program_activated'], { UBER_WEBHOOK_SIGNING_KEY: signingKey });
    expect((await run.exited).code).toBe(1);
    expect(run.stdout()).toBe(
      `voucher_program_activated -> ${partnerUrl}/webhooks/chatty: 200 NOT acknowledged (Uber would retry): answered 200 with a 17-byte body; only an empty 2xx acknowledges (Uber asks for 200 with no body)\n`,
    );
  });

  test.concurrent('--dry-run prints the body and its signature, sends nothing', async () => {
    const run = runCli(['send-event', `${partnerUrl}/webhooks/dry`, '--event', 'voucher_program_completed', '--dry-run', '--signing-key-env', 'MY_KEY'], { MY_KEY: signingKey });
    expect((await run.exited).code).toBe(0);
    const [headers, body] = run.stdout().split('\n\n') as [string, string];
    const signature = /X-Uber-Signature: ([0-9a-f]{64})/.exec(headers)![1]!;
    expect(() => verifyWebhookSignature(body.trim(), signature, signingKey)).not.toThrow();
    expect(deliveries.some((delivery) => delivery.body.includes('voucher_program_completed'))).toBe(false);
  });

  test.concurrent.each([
    [['send-event', 'http://127.0.0.1:9/x', '--event', 'voucher_program_activated'], {}, 'UBER_WEBHOOK_SIGNING_KEY'],
    [['send-event', 'http://127.0.0.1:9/x', '--event', 'no_such_event'], { UBER_WEBHOOK_SIGNING_KEY: signingKey }, 'neither an event type'],
    [['send-event', 'http://127.0.0.1:9/x'], { UBER_WEBHOOK_SIGNING_KEY: signingKey }, '--event is required'],
  ])('usage mistakes exit 2: %j', async (args, env, message) => {
    const run = runCli(args, env);
    expect((await run.exited).code).toBe(2);
    expect(run.stderr()).toContain(message);
  });
});
