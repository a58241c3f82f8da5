import { ApiError } from '@voucher-programs/client';
import { operationTable } from '@voucher-programs/spec/operations';
import { describe, expect, it } from 'vitest';
import { resolveRef } from '../../scripts/docs/spec-walk.ts';
import { bundle, specOperation, specOperations } from './support/bundle.ts';
import { contractClient, namedMethod, organizationToken, riderToken } from './support/contract-client.ts';
import { useMock } from './support/mock.ts';
import { enumerateResponseCases, noExample, responseCaseKey, responseCoverageProblems, type ResponseCase } from './support/response-cases.ts';
import { schemaValidator, validateError } from './support/schema-validator.ts';
import { requestBodyProblems, validRequest } from './support/valid-request.ts';

const voucherMock = useMock();
const responseCases = enumerateResponseCases(bundle);
// Filled as each case calls the mock; the last test compares it with what the spec declares.
const exercised = new Set<string>();

function isSuccess(status: string): boolean {
  return /^2\d\d$/.test(status);
}

/** Calls the operation's named method with valid inputs from the spec, asking the mock for this one response. */
async function callForResponse(responseCase: ResponseCase) {
  const op = specOperation(responseCase.operationId);
  const request = validRequest(op);
  const { organization_id: organizationId, ...pathIds } = request.pathParams;
  const { client, exchanges } = contractClient(voucherMock.url, organizationId ?? 'no-organization');
  const prefer = responseCase.example === noExample ? `code=${responseCase.status}` : `code=${responseCase.status}, example=${responseCase.example}`;
  const init = {
    ...(Object.keys(pathIds).length > 0 ? { path: pathIds } : {}),
    ...(Object.keys(request.query).length > 0 ? { query: request.query } : {}),
    ...(request.body !== undefined ? { body: request.body } : {}),
    headers: { ...request.headers, Prefer: prefer },
  };
  exercised.add(responseCaseKey(responseCase));
  const outcome = await namedMethod(client, responseCase.tag, responseCase.operationId)(init).then(
    (data) => ({ data, error: undefined }),
    (error: unknown) => ({ data: undefined, error }),
  );
  // One exchange: retries are off, and the mock must not make the client refresh or repeat anything.
  expect(exchanges.map((exchange) => exchange.status)).toEqual([Number(responseCase.status)]);
  const [exchange] = exchanges;
  expect(exchange!.requestHeaders.get('prefer')).toBe(prefer);
  expect(exchange!.requestHeaders.get('authorization')).toBe(`Bearer ${request.usesRiderToken ? riderToken : organizationToken}`);
  for (const header of responseCase.requiredHeaders) expect(exchange!.responseHeaders.has(header), `required header ${header}`).toBe(true);
  return outcome;
}

describe('every declared response, through the client against the mock', () => {
  it.each(responseCases.filter((c) => isSuccess(c.status)))('$operationId answers $status ($example)', async (responseCase) => {
    const { data, error } = await callForResponse(responseCase);
    expect(error).toBeUndefined();
    if (responseCase.schemaPointer) {
      expect(schemaValidator(responseCase.schemaPointer)(data)).toEqual([]);
    } else {
      expect(data).toBeUndefined();
    }
    if (responseCase.exampleValue !== undefined) expect(data).toEqual(responseCase.exampleValue);
  });

  it.each(responseCases.filter((c) => !isSuccess(c.status)))('$operationId throws $status $example', async (responseCase) => {
    const { error } = await callForResponse(responseCase);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    const documentedCode = (responseCase.exampleValue as { code?: unknown } | undefined)?.code;
    expect(typeof documentedCode, 'every error example carries its code').toBe('string');
    expect(apiError.status).toBe(Number(responseCase.status));
    expect(apiError.code).toBe(documentedCode);
    expect(apiError.operationId).toBe(responseCase.operationId);
    expect(validateError(apiError.body)).toEqual([]);
    expect(schemaValidator(responseCase.schemaPointer!)(apiError.body)).toEqual([]);
    expect(apiError.body).toEqual(responseCase.exampleValue);
  });

  // Runs after the cases above (vitest runs a file's tests in order).
  it('exercised every declared response and nothing else', () => {
    expect(responseCoverageProblems(bundle, exercised)).toEqual([]);
    expect(exercised.size).toBe(responseCases.length);
  });
});

describe('the cases come from the same spec as the client', () => {
  it('the spec operations are the generated operation table, tags included', () => {
    const fromBundle = Object.fromEntries(specOperations.map((op) => [op.operationId, op.tag]));
    const fromTable = Object.fromEntries(Object.entries(operationTable).map(([operationId, entry]) => [operationId, entry.tag]));
    expect(fromBundle).toEqual(fromTable);
  });

  it('the error codes of the cases are the documented error codes of each operation', () => {
    for (const [operationId, entry] of Object.entries(operationTable)) {
      const codes = responseCases
        .filter((c) => c.operationId === operationId && !isSuccess(c.status))
        .map((c) => (c.exampleValue as { code: string }).code);
      expect([...new Set(codes)].sort(), operationId).toEqual([...entry.errorCodes].sort());
    }
  });

  it.each(specOperations.filter((op) => op.operation.requestBody))('the request body built for $operationId is valid', (op) => {
    expect(Object.keys(resolveRef(bundle, op.operation.requestBody).content)).toEqual(['application/json']);
    expect(requestBodyProblems(op, validRequest(op).body)).toEqual([]);
  });
});
