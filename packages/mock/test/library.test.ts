import { createServer, request as httpRequest, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MockListenError, MockSpecError, mockGlobalSetup, mockUrlEnvironmentVariable, mockUrlInjectKey, startMock, type RunningMock } from '../src/index.js';
import { bearer, exchange } from './support/http.js';

const program = '/v1/organizations/7b3f7c4e-2a5d-4b8e-9f61-0c1d2e3f4a5b/voucher-programs/5f0c2a51-8e3b-4d7a-b1c9-2e4f6a8b0c1d';
let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ logLevel: 'silent' });
});
afterAll(() => mock?.stop());

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = httpRequest({ host: '127.0.0.1', port, path: '/', timeout: 2_000, agent: false }, (response) => {
      response.resume();
      resolve(false);
    });
    probe.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
    probe.end();
  });
}

describe('startMock', () => {
  test('takes a free loopback port by default and reports it', () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.port).toBeGreaterThan(0);
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
  });

  test('stop() closes kept-alive connections and frees the port, and can be called twice', async () => {
    const own = await startMock({ port: 0, logLevel: 'silent' });
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      httpRequest(`${own.url}${program}`, { agent, headers: bearer }, (response) => {
        response.resume();
        response.on('end', resolve);
      }).on('error', reject).end();
    });
    const started = Date.now();
    await own.stop();
    await own.stop();
    expect(Date.now() - started).toBeLessThan(1_000); // did not wait for the keep-alive timeout
    expect(await refused(own.port)).toBe(true);
    agent.destroy();
  });

  test('a busy port is a MockListenError that names the port', async () => {
    const error = await startMock({ port: mock.port, logLevel: 'silent' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MockListenError);
    expect((error as Error).message).toContain(`port ${mock.port}`);
    expect((error as Error).message).toContain('already in use');
  });

  test('a missing spec is a MockSpecError that names the file', async () => {
    const error = await startMock({ spec: 'no/such/openapi.yaml', logLevel: 'silent' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MockSpecError);
    expect((error as Error).message).toBe('spec file not found: no/such/openapi.yaml');
  });

  test('a spec that is not OpenAPI is a MockSpecError', async () => {
    const error = await startMock({ spec: new URL('../package.json', import.meta.url), logLevel: 'silent' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MockSpecError);
  });

  test('serves a partner\'s own copy of the spec given as a file', async () => {
    const own = await startMock({ spec: new URL('../../../generated/openapi.yaml', import.meta.url), logLevel: 'silent' });
    try {
      expect((await exchange(`${own.url}${program}`, { headers: bearer })).status).toBe(200);
    } finally {
      await own.stop();
    }
  });

  test('answers many concurrent requests without dropping any', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, () => exchange(`${mock.url}${program}`, { headers: bearer })));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
  });
});

describe('mockGlobalSetup', () => {
  test('starts a mock, hands its URL over, and its teardown stops it', async () => {
    const provided = new Map<string, unknown>();
    const teardown = await mockGlobalSetup({ logLevel: 'silent' })({ provide: (key, value) => provided.set(key, value) });
    const url = process.env[mockUrlEnvironmentVariable];
    try {
      expect(provided.get(mockUrlInjectKey)).toBe(url);
      expect((await exchange(`${url}${program}`, { headers: bearer })).status).toBe(200);
    } finally {
      await teardown();
      delete process.env[mockUrlEnvironmentVariable];
    }
    expect(await refused(Number(new URL(url!).port))).toBe(true);
  });
});

// Keeps the port helpers honest: a port held by another server is what "busy" means here.
test('refused() tells a closed port from an open one', async () => {
  const server = createServer((_request, response) => response.end()).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  expect(await refused(port)).toBe(false);
  await new Promise((resolve) => server.close(resolve));
  expect(await refused(port)).toBe(true);
});
