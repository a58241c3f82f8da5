import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { specOperation } from './support/bundle.ts';
import { answerProblems, describeAnswer, send } from './support/http-answer.ts';
import { useMock } from './support/mock.ts';
import { oracleRequest, type OracleRequest } from './support/oracle-requests.ts';

const voucherMock = useMock();

// A new seed each run, printed so any run replays: ORACLE_SEED=<seed>.
const seed = Number(process.env.ORACLE_SEED ?? Date.now() % 2 ** 31);
const batches = Number(process.env.ORACLE_BATCHES ?? 300);
const inFlight = 8;
const counts = { requests: 0, agreements: 0, specValid: 0, specInvalid: 0 };
const disagreements: string[] = [];
// How often Ajv refused a body for each keyword: the run must reach the spec's conditional rules.
const conditionalKeywords = ['allOf', 'anyOf', 'not', 'if', 'dependentRequired'] as const;
const refusedFor = new Map<string, number>(conditionalKeywords.map((keyword) => [keyword, 0]));

afterAll(() => {
  console.info(
    `oracle: ${counts.requests} requests, ${counts.agreements} agreements (${counts.specValid} valid and ${counts.specInvalid} invalid by Ajv 2020), seed ${seed} (replay with ORACLE_SEED=${seed})`,
  );
  console.info(`oracle: bodies refused by ${[...refusedFor].map(([keyword, count]) => `${keyword} ${count}`).join(', ')}`);
});

async function judge(request: OracleRequest): Promise<void> {
  const raw = { method: request.method, url: `${voucherMock.url}${request.path}`, headers: request.headers, ...(request.body !== undefined ? { body: request.body } : {}) };
  const answer = await send(raw);
  counts.requests++;
  const specValid = request.problems.length === 0;
  if (specValid) counts.specValid++;
  else counts.specInvalid++;
  for (const keyword of request.brokenKeywords) if (refusedFor.has(keyword)) refusedFor.set(keyword, refusedFor.get(keyword)! + 1);
  const refused = answer.status === 400 && (answer.json as { code?: string } | undefined)?.code === 'invalid_request';
  const accepted = answer.status >= 200 && answer.status < 300;
  const shapeProblems = answerProblems(specOperation(request.operationId), answer);
  if ((specValid ? accepted : refused) && shapeProblems.length === 0) {
    counts.agreements++;
    return;
  }
  disagreements.push(
    `${request.operationId} (${request.label}): Ajv says ${specValid ? 'valid' : `invalid: ${request.problems.join(', ')}`}; ` +
      `${shapeProblems.length > 0 ? `answer breaks the spec (${shapeProblems.join(', ')}); ` : ''}${describeAnswer(raw, answer)}`,
  );
}

describe('the mock agrees with Ajv 2020 over the bundle on every request', () => {
  it(`${batches * inFlight} generated requests: accepted exactly when the spec accepts them`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(oracleRequest, { minLength: inFlight, maxLength: inFlight }), async (batch) => {
        await Promise.all(batch.map(judge));
      }),
      { seed, numRuns: batches, endOnFailure: true },
    );
    expect(counts.requests).toBeGreaterThanOrEqual(2_000);
    expect(disagreements.slice(0, 25), `${disagreements.length} of ${counts.requests} disagree (seed ${seed})`).toEqual([]);
    // Both verdicts must be well represented, or the agreement says little.
    expect(counts.specValid).toBeGreaterThan(counts.requests / 5);
    expect(counts.specInvalid).toBeGreaterThan(counts.requests / 5);
    for (const [keyword, count] of refusedFor) expect(count, `no body broke ${keyword}`).toBeGreaterThan(0);
  });
});
