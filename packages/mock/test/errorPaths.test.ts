import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { bearer, exchange } from './support/http.js';
import { conformanceProblems, findOperation } from './support/spec.js';

const maxBodyBytes = 64 * 1024;
let mock: RunningMock;
const organization = '/v1/organizations/7b3f7c4e-2a5d-4b8e-9f61-0c1d2e3f4a5b';
const program = `${organization}/voucher-programs/5f0c2a51-8e3b-4d7a-b1c9-2e4f6a8b0c1d`;
const getProgram = findOperation('getVoucherProgram');
const search = findOperation('searchVoucherPrograms');
const json = { ...bearer, 'content-type': 'application/json' };

beforeAll(async () => {
  mock = await startMock({ port: 0, logLevel: 'silent', maxBodyBytes });
});
afterAll(() => mock?.stop());

function expectError(operation: typeof getProgram | undefined, answer: { status: number; body: unknown; headers: Headers }, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  expect(answer.body).toMatchObject({ code });
  expect(conformanceProblems(operation, answer.status, answer.body)).toEqual([]);
}

describe('errors Prism makes up on its own come back in the spec Error model', () => {
  test('no Authorization header: 401 unauthorized', async () => {
    const answer = await exchange(`${mock.url}${program}`);
    expectError(getProgram, answer, 401, 'unauthorized');
  });

  test('an Authorization header that is not a bearer token: 401 unauthorized', async () => {
    const answer = await exchange(`${mock.url}${program}`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expectError(getProgram, answer, 401, 'unauthorized');
  });

  test('a body that breaks the schema: 400 invalid_request naming each violation', async () => {
    const answer = await exchange(`${mock.url}${organization}/voucher-programs/search`, { method: 'POST', headers: json, body: '{"limit":"ten"}' });
    expectError(search, answer, 400, 'invalid_request');
    const { message, metadata } = answer.body as { message: string; metadata: { violations: { location: string[] }[] } };
    expect(message).toContain('offset');
    expect(metadata.violations.map((violation) => violation.location.join('.'))).toContain('request.body.limit');
  });

  test('a body with an unknown field: 400 invalid_request', async () => {
    const answer = await exchange(`${mock.url}${organization}/voucher-programs/search`, { method: 'POST', headers: json, body: '{"limit":1,"offset":0,"colour":"red"}' });
    expectError(search, answer, 400, 'invalid_request');
  });

  test('a query parameter of the wrong type: 400 invalid_request', async () => {
    const answer = await exchange(`${mock.url}${program}?include_guests=maybe`, { headers: bearer });
    expectError(getProgram, answer, 400, 'invalid_request');
    expect((answer.body as { message: string }).message).toContain('include_guests');
  });

  test('malformed JSON: 400 invalid_request, not Prism\'s own error shape', async () => {
    const answer = await exchange(`${mock.url}${organization}/voucher-programs/search`, { method: 'POST', headers: json, body: '{"limit": 1,' });
    expectError(search, answer, 400, 'invalid_request');
    expect((answer.body as { message: string }).message).toMatch(/not valid JSON/);
  });

  test('a body that is not JSON at all: 400 invalid_request (Prism would say 415)', async () => {
    const answer = await exchange(`${mock.url}${organization}/voucher-programs/search`, { method: 'POST', headers: { ...bearer, 'content-type': 'text/plain' }, body: 'limit=1' });
    expectError(search, answer, 400, 'invalid_request');
    expect((answer.body as { message: string }).message).toContain('application/json');
  });

  test('a required body left out: 400 invalid_request', async () => {
    const answer = await exchange(`${mock.url}${organization}/voucher-programs/search`, { method: 'POST', headers: json });
    expectError(search, answer, 400, 'invalid_request');
  });

  test('a body over the size cap: 400 invalid_request, and the mock keeps answering', async () => {
    const answer = await exchange(`${mock.url}${organization}/voucher-programs/search`, { method: 'POST', headers: json, body: `{"limit":1,"offset":0,"x":"${'a'.repeat(maxBodyBytes)}"}` });
    expectError(search, answer, 400, 'invalid_request');
    expect((answer.body as { message: string }).message).toContain(String(maxBodyBytes));
    expect((await exchange(`${mock.url}${program}`, { headers: bearer })).status).toBe(200);
  });

  test('an unknown route: 404 resource_not_found', async () => {
    const answer = await exchange(`${mock.url}/v2/nothing/here`, { headers: bearer });
    expectError(undefined, answer, 404, 'resource_not_found');
  });

  test('a method the path does not have: 404 resource_not_found with Allow', async () => {
    const answer = await exchange(`${mock.url}${program}`, { method: 'DELETE', headers: bearer });
    expectError(undefined, answer, 404, 'resource_not_found');
    expect(answer.headers.get('allow')).toBe('GET, PATCH');
  });

  test('an Accept the API cannot meet: 400 invalid_request (Prism would say 406)', async () => {
    const answer = await exchange(`${mock.url}${program}`, { headers: { ...bearer, accept: 'application/xml' } });
    expectError(getProgram, answer, 400, 'invalid_request');
  });

  test('Accept */* and Accept application/json are served', async () => {
    for (const accept of ['*/*', 'application/json', 'application/*;q=0.5']) {
      const answer = await exchange(`${mock.url}${program}`, { headers: { ...bearer, accept } });
      expect(answer.status).toBe(200);
      expect(conformanceProblems(getProgram, answer.status, answer.body)).toEqual([]);
    }
  });

  test('a Prefer header Prism cannot read, or a status the operation does not declare: 400 invalid_request', async () => {
    for (const prefer of ['code=abc', 'code=418', 'example=no_such_example']) {
      const answer = await exchange(`${mock.url}${program}`, { headers: { ...bearer, prefer } });
      expectError(getProgram, answer, 400, 'invalid_request');
    }
  });

  test('HEAD answers like GET without a body; a CORS preflight gets 204', async () => {
    const head = await exchange(`${mock.url}${program}`, { method: 'HEAD', headers: bearer });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    const preflight = await exchange(`${mock.url}${program}`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
  });

  test('OPTIONS without a preflight is a method the path does not have', async () => {
    const answer = await exchange(`${mock.url}${program}`, { method: 'OPTIONS', headers: bearer });
    expectError(undefined, answer, 404, 'resource_not_found');
  });

  test('odd characters in a path id and odd query strings get a declared answer', async () => {
    const ids = ['a%2Fb', '%E2%9C%93', 'x'.repeat(2000), '..', '%00', "'; DROP TABLE"];
    for (const id of ids) {
      const answer = await exchange(`${mock.url}${organization}/voucher-programs/${id}?include_guests=true&&=&%zz`, { headers: bearer });
      expect([200, 400, 404]).toContain(answer.status);
      const operation = answer.status === 404 ? undefined : getProgram;
      expect(conformanceProblems(operation, answer.status, answer.body)).toEqual([]);
    }
  });

  test('bytes that are not HTTP get a 400 in the Error model and the mock survives', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(mock.port, '127.0.0.1');
      let received = '';
      socket.setTimeout(5_000, () => socket.destroy(new Error('no answer')));
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('end', () => resolve(received));
      socket.on('error', reject);
      socket.end('GARBAGE \x00\x01 NOT HTTP\r\n\r\n');
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    const body = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as unknown;
    expect(conformanceProblems(undefined, 400, body)).toEqual([]);
    expect((await exchange(`${mock.url}${program}`, { headers: bearer })).status).toBe(200);
  });
});
