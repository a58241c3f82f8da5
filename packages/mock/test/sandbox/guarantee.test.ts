import { describe, expect, test } from 'vitest';
import { createMockLogger } from '../../src/logger.js';
import { createPrismConfig } from '../../src/prismConfig.js';
import { createEngineMock, type ValidatedRequest } from '../../src/sandbox/engineMock.js';
import type { EngineAnswer } from '../../src/sandbox/engine.js';
import { createInProcessFetch } from '../../src/sandbox/inProcessFetch.js';
import { createEnginePipeline } from '../../src/sandbox/enginePipeline.js';
import { bundledSpecPath } from '../../src/bundledSpec.js';
import { loadSpecOperations } from '../../src/specOperations.js';
import type { SpecViolation } from '../../src/violations.js';

const operations = await loadSpecOperations(bundledSpecPath);

/** The sandbox's pipeline (Prism in front, the engine as its mock component) around an engine that answers `answer`. */
function pipeline(answer: (request: ValidatedRequest) => EngineAnswer, strict: boolean) {
  const reported: SpecViolation[][] = [];
  const seen: ValidatedRequest[] = [];
  const config = { ...createPrismConfig({}), errors: strict };
  const logger = createMockLogger('silent');
  const mock = createEngineMock((id): id is string => id !== undefined, (request) => (seen.push(request), answer(request)));
  const handler = createEnginePipeline({ operations, mock, config, logger, maxBodyBytes: 1024, onViolations: (_request, violations) => void reported.push(violations) });
  return { fetch: createInProcessFetch(handler, () => true), reported, seen };
}

const program = 'http://sandbox.invalid/v1/organizations/org/voucher-programs/p-1';
const bearer = { authorization: 'Bearer any' };

describe('an engine answer that breaks the spec never passes unnoticed', () => {
  test('strict: it becomes a 500 naming the violation, and is reported', async () => {
    const { fetch, reported } = pipeline(() => ({ status: 200, body: { name: 42 } }), true);
    const answer = await fetch(program, { headers: bearer });
    expect(answer.status).toBe(500);
    expect(((await answer.json()) as { message: string }).message).toContain('The answer breaks the spec');
    expect(reported.flat().map((violation) => violation.location[0])).toContain('response');
  });

  test('not strict: the answer goes out, and is reported (an undeclared status too, which Prism alone only warns about)', async () => {
    const { fetch, reported } = pipeline(() => ({ status: 418, body: { code: 'teapot', message: 'no' } }), false);
    const answer = await fetch(program, { headers: bearer });
    expect(answer.status).toBe(418);
    expect(reported).toHaveLength(1);
  });

  test('an answer within the spec is not reported, and the engine sees the validated request', async () => {
    const { fetch, reported, seen } = pipeline(() => ({ status: 404, body: { code: 'resource_not_found', message: 'no such program' } }), true);
    const answer = await fetch(`${program}?include_guests=true`, { headers: bearer });
    expect(answer.status).toBe(404);
    expect(reported).toEqual([]);
    expect(seen).toEqual([{ operationId: 'getVoucherProgram', path: { organization_id: 'org', voucher_program_id: 'p-1' }, query: { include_guests: 'true' }, body: null, authorization: 'Bearer any' }]);
  });

  test('a request the spec refuses never reaches the engine', async () => {
    const { fetch, seen } = pipeline(() => ({ status: 200, body: {} }), true);
    const noToken = await fetch(program);
    const badQuery = await fetch(`${program}?include_guests=maybe`, { headers: bearer });
    expect([noToken.status, badQuery.status]).toEqual([401, 400]);
    expect(seen).toEqual([]);
  });
});
