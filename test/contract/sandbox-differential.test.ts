import fc from 'fast-check';
import { startSandbox, type RunningSandbox } from '@voucher-programs/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  badAuthorization,
  hugeBody,
  invalidParameter,
  malformedJson,
  schemaInvalidBody,
  unknownRoute,
  wrongAccept,
  wrongContentType,
  wrongMethod,
  type BadRequest,
} from './support/bad-requests.ts';
import { send, type RawAnswer } from './support/http-answer.ts';
import { useMock } from './support/mock.ts';

// The sandbox puts its engine behind the mock's validation and error model, so a request the spec
// refuses must get the very same answer from both: same status, same error body.
const bodyCapBytes = 1024 * 1024;
const voucherMock = useMock({ maxBodyBytes: bodyCapBytes });
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, logLevel: 'silent', maxBodyBytes: bodyCapBytes, strict: true, onViolation: () => {} });
});
afterAll(() => sandbox?.stop());

const seed = Number(process.env.CONTRACT_SEED ?? 20_261_130);
console.info(`sandbox differential: fast-check seed ${seed} (replay with CONTRACT_SEED=${seed})`);
let compared = 0;

const answerOf = (answer: RawAnswer) => ({ status: answer.status, body: answer.json ?? answer.text });

async function compare(bad: BadRequest): Promise<void> {
  const request = (base: string) => ({ method: bad.method, url: `${base}${bad.path}`, headers: bad.headers, ...(bad.body !== undefined ? { body: bad.body } : {}) });
  const [fromMock, fromSandbox, fromFetch] = await Promise.all([send(request(voucherMock.url)), send(request(sandbox.url)), send(request(sandbox.url), sandbox.fetch as typeof fetch)]);
  expect(answerOf(fromSandbox), `${bad.label}: sandbox over HTTP`).toEqual(answerOf(fromMock));
  expect(answerOf(fromFetch), `${bad.label}: sandbox in process`).toEqual(answerOf(fromMock));
  expect(fromMock.status, bad.label).toBe(bad.expected!.status);
  compared++;
}

function checkSame(name: string, arbitrary: fc.Arbitrary<BadRequest>, runs: number): void {
  it(`${name}: ${runs} requests`, async () => {
    // Only requests whose answer the spec fully decides: the others reach the engine, which is the point of the sandbox.
    await fc.assert(fc.asyncProperty(arbitrary.filter((bad) => bad.expected !== undefined), compare), { seed, numRuns: runs });
  });
}

describe('the sandbox refuses bad requests exactly as the mock does', () => {
  checkSame('bodies breaking one keyword of the request schema', schemaInvalidBody, 120);
  checkSame('query and path parameters breaking their schema', invalidParameter, 40);
  checkSame('malformed JSON', malformedJson, 30);
  checkSame('a JSON body sent with another content type', wrongContentType, 20);
  checkSame('an Accept the API does not produce', wrongAccept, 15);
  checkSame(`bodies over the ${bodyCapBytes}-byte cap`, hugeBody(bodyCapBytes), 4);
  checkSame('no bearer token', badAuthorization, 20);
  checkSame('a method the path does not have', wrongMethod, 15);
  checkSame('paths the API does not have', unknownRoute, 15);
  it('compared every request it generated', () => expect(compared).toBe(120 + 40 + 30 + 20 + 15 + 4 + 20 + 15 + 15));
});
