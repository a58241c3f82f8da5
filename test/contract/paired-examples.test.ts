import { describe, expect, it } from 'vitest';
import { resolveRef, type SpecOperation } from '../../scripts/docs/spec-walk.ts';
import { bundle, specOperations } from './support/bundle.ts';
import { organizationToken, riderToken } from './support/contract-client.ts';
import { send } from './support/http-answer.ts';
import { useMock } from './support/mock.ts';
import { operationUrl, validRequest } from './support/valid-request.ts';

const voucherMock = useMock();

type Examples = Record<string, { value?: unknown }>;

function jsonExamples(node: unknown): Examples {
  const examples = resolveRef(bundle, node)?.content?.['application/json']?.examples ?? {};
  return Object.fromEntries(Object.entries<Record<string, unknown>>(examples).map(([name, example]) => [name, resolveRef(bundle, example)]));
}

/** Request examples whose name a success example shares, found in the spec rather than listed here. */
const pairs = specOperations.flatMap((op) => {
  if (!op.operation.requestBody) return [];
  const requests = jsonExamples(op.operation.requestBody);
  return Object.entries<unknown>(op.operation.responses)
    .filter(([status]) => status.startsWith('2'))
    .flatMap(([status, response]) => {
      const answers = jsonExamples(response);
      return Object.keys(requests).filter((name) => name in answers).map((name) => ({ op, status: Number(status), name, request: requests[name]!.value, answer: answers[name]!.value }));
    });
});

function post(op: SpecOperation, body: unknown, prefer?: string) {
  const request = validRequest(op);
  return send({
    method: op.method.toUpperCase(),
    url: operationUrl(voucherMock.url, op, request.pathParams, request.query),
    headers: {
      authorization: `Bearer ${request.usesRiderToken ? riderToken : organizationToken}`,
      'content-type': 'application/json',
      ...(prefer ? { prefer } : {}),
    },
    body: JSON.stringify(body),
  });
}

describe('a request that follows a named request example gets the success example of the same name', () => {
  it('the spec pairs at least the multi-code and single-code create examples', () => {
    expect(pairs.map((pair) => `${pair.op.operationId} ${pair.name}`)).toEqual(expect.arrayContaining(['createVoucherProgram multi_code', 'createVoucherProgram single_code']));
  });

  it.each(pairs.map((pair) => [`${pair.op.operationId} ${pair.name}`, pair] as const))('%s', async (_label, pair) => {
    const answer = await post(pair.op, pair.request);
    expect(answer.status, answer.text).toBe(pair.status);
    expect(answer.json).toEqual(pair.answer);
    // Naming another example in Prefer wins over the pairing.
    const other = pairs.find((candidate) => candidate.op === pair.op && candidate.name !== pair.name);
    if (other) expect((await post(pair.op, pair.request, `example=${other.name}`)).json).toEqual(other.answer);
  });
});
