import { describe, expect, it } from 'vitest';
import { specOperation } from './support/bundle.ts';
import { answerProblems, send } from './support/http-answer.ts';
import { useMock } from './support/mock.ts';
import { operationUrl, validRequest } from './support/valid-request.ts';

const voucherMock = useMock();

// Prism picks its JSON Schema draft from `jsonSchemaDialect`; under its draft-07 default it skips the
// 2019-09+ keywords the spec uses to state Uber's rules, and answers 200 to bodies that break them.
describe('the mock enforces JSON Schema 2020-12 keywords', () => {
  const op = specOperation('createVoucherProgramTemplate');

  function post(body: unknown) {
    const request = validRequest(op);
    return send({
      method: 'POST',
      url: operationUrl(voucherMock.url, op, request.pathParams),
      headers: { authorization: 'Bearer contract', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  it('dependentRequired: a period credit cap without a period trip cap is a 400 invalid_request', async () => {
    const body: Record<string, unknown> = { ...(validRequest(op).body as Record<string, unknown>), value_per_period_max_credit: 60 };
    delete body.value_per_period_max_trips;
    const answer = await post(body);
    expect(answerProblems(op, answer)).toEqual([]);
    expect(answer.status).toBe(400);
    expect((answer.json as { code?: string }).code).toBe('invalid_request');
    expect(answer.text).toContain('value_per_period_max_trips');
  });

  it('the same body with both caps is accepted', async () => {
    const body = { ...(validRequest(op).body as Record<string, unknown>), value_per_period_max_credit: 60, value_per_period_max_trips: 3 };
    const answer = await post(body);
    expect(answerProblems(op, answer)).toEqual([]);
    expect(answer.status).toBe(200);
  });
});
