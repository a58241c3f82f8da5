/**
 * The mock's fast paths (route pre-filter, remembered answer checks, reused answers) must change
 * no answer. Every request of the contract suite goes to a mock with them off (Prism's full path
 * on every request) and twice to one with them on (the second can only come from what the first
 * left behind); status, headers and body must be the same, byte for byte.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SpecOperation } from '../../scripts/docs/spec-walk.ts';
import {
  badAuthorization,
  hugeBody,
  invalidParameter,
  malformedJson,
  oddPathId,
  schemaInvalidBody,
  unknownRoute,
  wrongAccept,
  wrongContentType,
  wrongMethod,
  type BadRequest,
} from './support/bad-requests.ts';
import { bundle, specOperations } from './support/bundle.ts';
import { organizationToken, riderToken } from './support/contract-client.ts';
import { send, type RawAnswer } from './support/http-answer.ts';
import { useMock } from './support/mock.ts';
import { exampleBodies, oracleRequest } from './support/oracle-requests.ts';
import { enumerateResponseCases, noExample } from './support/response-cases.ts';
import { operationUrl, validRequest } from './support/valid-request.ts';

const bodyCapBytes = 64 * 1024;
const fullPath = useMock({ fastPaths: false, maxBodyBytes: bodyCapBytes });
const fastPaths = useMock({ maxBodyBytes: bodyCapBytes });

const seed = Number(process.env.CONTRACT_SEED ?? 20_261_130);
console.info(`fast paths: fast-check seed ${seed} (replay with CONTRACT_SEED=${seed})`);

interface Exchange {
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** A request the spec accepts, with `change` applied to its headers and query. */
function valid(op: SpecOperation, change: { headers?: Record<string, string | undefined>; query?: Record<string, unknown>; method?: string } = {}): Exchange {
  const request = validRequest(op);
  const headers: Record<string, string | undefined> = {
    ...request.headers,
    authorization: `Bearer ${request.usesRiderToken ? riderToken : organizationToken}`,
    ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...change.headers,
  };
  return {
    label: `${change.method ?? op.method.toUpperCase()} ${op.operationId} ${JSON.stringify(change)}`,
    method: change.method ?? op.method.toUpperCase(),
    path: operationUrl('', op, request.pathParams, { ...request.query, ...change.query }),
    headers: Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined)),
    ...(request.body !== undefined && change.method !== 'HEAD' ? { body: JSON.stringify(request.body) } : {}),
  };
}

/** Valid requests in the shapes a partner's tests send: the ones the fast paths exist for. */
function validExchanges(): Exchange[] {
  return specOperations.flatMap((op) => {
    const pageSizes = op.parameters.some((p) => p.in === 'query' && p.name === 'limit') ? [{ limit: 1 }, { limit: 2, offset: 1 }] : [];
    return [
      valid(op),
      valid(op, { headers: { accept: 'application/json' } }),
      valid(op, { headers: { accept: '*/*' } }),
      valid(op, { headers: { accept: 'application/json, text/plain;q=0.5' } }),
      valid(op, { headers: { 'accept-language': 'fr-FR' } }),
      ...pageSizes.map((query) => valid(op, { query })),
      ...(op.method === 'get' ? [valid(op, { method: 'HEAD' })] : []),
    ];
  });
}

/** Every declared response asked for with Prefer, as responses.test.ts asks for it. */
function preferredExchanges(): Exchange[] {
  return enumerateResponseCases(bundle).map((responseCase) => {
    const op = specOperations.find((candidate) => candidate.operationId === responseCase.operationId)!;
    const prefer = responseCase.example === noExample ? `code=${responseCase.status}` : `code=${responseCase.status}, example=${responseCase.example}`;
    return { ...valid(op, { headers: { prefer } }), label: `${op.operationId} Prefer ${prefer}` };
  });
}

/** Every example body the spec gives an operation, sent as it is: named ones get their paired answer. */
function exampleExchanges(): Exchange[] {
  return specOperations.flatMap((op) =>
    op.operation.requestBody ? exampleBodies(op).map((body, index) => ({ ...valid(op), label: `${op.operationId} example body ${index}`, body: JSON.stringify(body) })) : [],
  );
}

function sampled(arbitrary: fc.Arbitrary<BadRequest>, count: number): Exchange[] {
  return fc.sample(arbitrary, { seed, numRuns: count }).map((bad) => ({ label: bad.label, method: bad.method, path: bad.path, headers: bad.headers, ...(bad.body !== undefined ? { body: bad.body } : {}) }));
}

// Headers that differ between any two answers, fast or not.
const unstableHeaders = new Set(['date', 'keep-alive']);

function comparable(answer: RawAnswer): { status: number; headers: Record<string, string>; body: string } {
  const headers = Object.fromEntries([...answer.headers].filter(([name]) => !unstableHeaders.has(name)));
  return { status: answer.status, headers, body: answer.text };
}

async function sendTo(baseUrl: string, exchange: Exchange): Promise<RawAnswer> {
  return send({ method: exchange.method, url: `${baseUrl}${exchange.path}`, headers: exchange.headers, ...(exchange.body !== undefined ? { body: exchange.body } : {}) });
}

/** Full path once, fast paths twice (filling, then reusing), one after another. */
async function expectSameAnswers(exchanges: Exchange[]): Promise<void> {
  expect(exchanges.length).toBeGreaterThan(0);
  for (const exchange of exchanges) {
    const expected = comparable(await sendTo(fullPath.url, exchange));
    const first = comparable(await sendTo(fastPaths.url, exchange));
    const again = comparable(await sendTo(fastPaths.url, exchange));
    expect(first, `${exchange.label} (first)`).toEqual(expected);
    expect(again, `${exchange.label} (again)`).toEqual(expected);
  }
}

describe('the fast paths answer exactly as Prism does on its full path', () => {
  it('valid requests: every operation, Accept and page variants, HEAD', async () => {
    const exchanges = validExchanges();
    await expectSameAnswers(exchanges);
    // The same requests again, interleaved with other operations' answers already remembered.
    await expectSameAnswers([...exchanges].reverse());
  });

  it('every declared response, asked for with Prefer', async () => {
    await expectSameAnswers(preferredExchanges());
  });

  it('every example request body, each answered with its paired example where the spec pairs one', async () => {
    const exchanges = exampleExchanges();
    await expectSameAnswers(exchanges);
    await expectSameAnswers([...exchanges].reverse());
  });

  it('the oracle corpus: bodies and parameters, valid or not as Ajv judges them', async () => {
    const requests = fc.sample(oracleRequest, { seed, numRuns: 80 });
    await expectSameAnswers(requests.map(({ label, method, path, headers, body }) => ({ label, method, path, headers, ...(body !== undefined ? { body } : {}) })));
  });

  it.each([
    ['bodies breaking one keyword of the request schema', schemaInvalidBody, 40],
    ['parameters breaking their schema', invalidParameter, 30],
    ['malformed JSON', malformedJson, 15],
    ['wrong content types', wrongContentType, 15],
    ['unanswerable Accept', wrongAccept, 15],
    ['missing or wrong tokens', badAuthorization, 20],
    ['odd path ids (many of them valid)', oddPathId, 30],
    ['wrong methods', wrongMethod, 15],
    ['unknown routes', unknownRoute, 20],
    ['bodies over the cap', hugeBody(bodyCapBytes), 4],
  ] as const)('%s', async (_name, arbitrary, count) => {
    await expectSameAnswers(sampled(arbitrary, count));
  });
});
