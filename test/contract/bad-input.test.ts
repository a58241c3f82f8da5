import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { specOperation, specOperations } from './support/bundle.ts';
import {
  badAuthorization,
  hugeBody,
  invalidParameter,
  malformedJson,
  oddPathId,
  paddedValidBody,
  schemaInvalidBody,
  unknownRoute,
  wrongAccept,
  wrongContentType,
  wrongMethod,
  type BadRequest,
} from './support/bad-requests.ts';
import { answerProblems, describeAnswer, send } from './support/http-answer.ts';
import { useMock } from './support/mock.ts';
import { operationUrl, validRequest } from './support/valid-request.ts';
import { contractClient } from './support/contract-client.ts';

// A small cap so bodies over it stay cheap to send; the spec's largest valid bodies fit under it.
const bodyCapBytes = 1024 * 1024;
const voucherMock = useMock({ maxBodyBytes: bodyCapBytes });

// Fixed so a failure reproduces; CONTRACT_SEED replays another run.
const seed = Number(process.env.CONTRACT_SEED ?? 20_261_122);
console.info(`bad input: fast-check seed ${seed} (replay with CONTRACT_SEED=${seed})`);

// Eight requests in flight at a time: each property run is one batch sent together.
const inFlight = 8;
const minimumRequests = 500;
let sent = 0;

async function sendBatch(batch: BadRequest[]): Promise<void> {
  await Promise.all(
    batch.map(async (bad) => {
      const request = { method: bad.method, url: `${voucherMock.url}${bad.path}`, headers: bad.headers, ...(bad.body !== undefined ? { body: bad.body } : {}) };
      const answer = await send(request);
      sent++;
      const where = `${bad.label}: ${describeAnswer(request, answer)}`;
      expect(answerProblems(bad.operationId === undefined ? undefined : specOperation(bad.operationId), answer), where).toEqual([]);
      if (bad.expected) {
        expect(answer.status, where).toBe(bad.expected.status);
        expect((answer.json as { code?: unknown }).code, where).toBe(bad.expected.code);
      }
      if (bad.expected?.status === 404 && bad.operationId === undefined && bad.method !== 'GET') expect(answer.headers.has('allow'), `${where}: no Allow header`).toBe(true);
    }),
  );
}

function checkBatches(name: string, arbitrary: fc.Arbitrary<BadRequest>, batches: number): void {
  it(`${name}: ${batches * inFlight} requests`, async () => {
    await fc.assert(fc.asyncProperty(fc.array(arbitrary, { minLength: inFlight, maxLength: inFlight }), sendBatch), { seed, numRuns: batches });
  });
}

describe('bad input gets a declared status and an Error body, within the bound', () => {
  checkBatches('bodies breaking one keyword of the request schema', schemaInvalidBody, 30);
  checkBatches('query and path parameters breaking their schema', invalidParameter, 10);
  checkBatches('malformed JSON', malformedJson, 6);
  checkBatches('a JSON body sent with another content type', wrongContentType, 4);
  checkBatches('an Accept the API does not produce', wrongAccept, 2);
  checkBatches(`bodies over the ${bodyCapBytes}-byte cap`, hugeBody(bodyCapBytes), 2);
  checkBatches('no bearer token', badAuthorization, 3);
  checkBatches('odd path ids', oddPathId, 6);
  checkBatches('a method the path does not have', wrongMethod, 3);
  checkBatches('paths the API does not have', unknownRoute, 3);
});

// Prism reads a JSON `null` body as no body at all, so an optional body's schema is never applied to it.
describe('a JSON null body is a body, and not an object', () => {
  it.each(specOperations.filter((op) => op.operation.requestBody))('$operationId rejects it', async (op) => {
    const request = validRequest(op);
    const answer = await send({
      method: op.method.toUpperCase(),
      url: operationUrl(voucherMock.url, op, request.pathParams, request.query),
      headers: { authorization: 'Bearer contract', 'content-type': 'application/json' },
      body: 'null',
    });
    sent++;
    expect(answerProblems(op, answer), describeAnswer({ method: op.method, url: op.path, body: 'null' }, answer)).toEqual([]);
    expect(answer.status).toBe(400);
    expect((answer.json as { code?: unknown }).code).toBe('invalid_request');
  });
});

// A request target starting with `//` must not be read as a scheme-relative URL (a host, then a path).
describe('request targets starting with //', () => {
  const op = specOperation('getVoucherProgram');
  const validPath = operationUrl('', op, validRequest(op).pathParams);
  it.each(['//', '///', `//voucher.invalid${validPath}`])('GET %s is an unknown path', async (path) => {
    const request = { method: 'GET', url: `${voucherMock.url}${path}`, headers: { authorization: 'Bearer contract' } };
    const answer = await send(request);
    sent++;
    expect(answerProblems(undefined, answer), describeAnswer(request, answer)).toEqual([]);
    expect((answer.json as { code?: unknown }).code).toBe('resource_not_found');
  });
});

describe('the body cap', () => {
  it.each(['createVoucherProgram', 'addGuests'])('a valid %s body padded to just under the cap is accepted', async (operationId) => {
    const op = specOperation(operationId);
    const request = validRequest(op);
    const answer = await send({
      method: op.method.toUpperCase(),
      url: operationUrl(voucherMock.url, op, request.pathParams, request.query),
      headers: { authorization: 'Bearer contract', 'content-type': 'application/json' },
      body: paddedValidBody(op, bodyCapBytes),
    });
    expect(answer.status).toBe(200);
    expect(answerProblems(op, answer)).toEqual([]);
  });
});

describe('afterwards', () => {
  it(`sent at least ${minimumRequests} bad requests`, () => {
    expect(sent).toBeGreaterThanOrEqual(minimumRequests);
  });

  it('the mock still answers valid requests', async () => {
    const op = specOperation('getVoucherProgram');
    const request = validRequest(op);
    const answer = await send({ method: 'GET', url: operationUrl(voucherMock.url, op, request.pathParams, request.query), headers: { authorization: 'Bearer health' } });
    expect(answer.status).toBe(200);
    expect(answerProblems(op, answer)).toEqual([]);
    const { client } = contractClient(voucherMock.url, request.pathParams.organization_id!);
    const search = specOperation('searchVoucherPrograms');
    await expect(client.programs.searchVoucherPrograms({ body: validRequest(search).body as { limit: number; offset: number } })).resolves.toHaveProperty('results');
  });
});

afterAll(() => {
  console.info(`bad input: ${sent} requests sent`);
});
