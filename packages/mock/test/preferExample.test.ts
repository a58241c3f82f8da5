import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { bearer, exchange } from './support/http.js';
import { findOperation, openApiDocument, validRequest } from './support/spec.js';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, logLevel: 'silent' });
});
afterAll(() => mock?.stop());

function get(operationId: string, prefer: string) {
  return exchange(`${mock.url}${validRequest(findOperation(operationId)).path}`, { headers: { ...bearer, prefer } });
}

describe('Prefer asks only for what the operation declares', () => {
  test('an unknown example of a declared status is 400 invalid_request naming the examples that exist (not a 500)', async () => {
    const answer = await get('getVoucherProgram', 'code=403, example=no_such_example');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/example=no_such_example: status 403 .* user_not_allowed/) });
  });

  test('an example of another status is 400 naming this status\'s examples and the Prefer that works', async () => {
    const answer = await get('getVoucherCodes', 'code=409, example=user_not_allowed');
    expect(answer.status).toBe(400);
    const message = (answer.body as { message: string }).message;
    expect(message).toContain('code_generation_in_progress');
    expect(message).toContain('send Prefer: code=403, example=user_not_allowed');
  });

  test('an error example without its code is 400 naming the code it needs', async () => {
    const answer = await get('getVoucherCodes', 'example=code_generation_in_progress');
    expect(answer.status).toBe(400);
    expect((answer.body as { message: string }).message).toContain('code=409, example=code_generation_in_progress');
    const fixed = await get('getVoucherCodes', 'code=409, example=code_generation_in_progress');
    expect(fixed.status).toBe(409);
    expect(fixed.body).toMatchObject({ code: 'code_generation_in_progress' });
  });

  test('a status the operation does not declare is 400 listing the declared ones', async () => {
    const answer = await get('getVoucherProgram', 'code=418');
    expect(answer.status).toBe(400);
    expect((answer.body as { message: string }).message).toMatch(/code=418: this operation declares 200, .*404/);
  });
});

describe('request and answer examples with the same name are paired', () => {
  // A copy of the spec whose create answer has one named example per request example.
  const operation = openApiDocument.paths['/v1/organizations/{organization_id}/voucher-programs']!.post!;
  const requestExamples = (operation.requestBody!.content['application/json'] as unknown as { examples: Record<string, { value: Record<string, unknown> }> }).examples;
  const answers: Record<string, { value: Record<string, unknown> }> = Object.fromEntries(
    Object.keys(requestExamples).map((name, index) => [name, { value: { voucher_program_id: `paired-${index}-${name}` } }]),
  );
  let folder: string;
  let paired: RunningMock;
  beforeAll(async () => {
    const copy = structuredClone(openApiDocument) as unknown as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const created = copy.paths['/v1/organizations/{organization_id}/voucher-programs']!.post!;
    created.responses['200'] = { description: 'Created.', content: { 'application/json': { schema: { $ref: '#/components/schemas/VoucherProgramCreated' }, examples: answers } } };
    folder = await mkdtemp(join(tmpdir(), 'voucher-mock-'));
    await writeFile(join(folder, 'openapi.json'), JSON.stringify(copy));
    paired = await startMock({ port: 0, logLevel: 'silent', spec: join(folder, 'openapi.json') });
  });
  afterAll(async () => {
    await paired?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  function create(body: unknown, prefer?: string) {
    return exchange(`${paired.url}/v1/organizations/org-1/voucher-programs`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json', ...(prefer ? { prefer } : {}) },
      body: JSON.stringify(body),
    });
  }

  test('there are at least two request examples to pair', () => {
    expect(Object.keys(requestExamples).length).toBeGreaterThanOrEqual(2);
  });

  test.each(Object.keys(requestExamples))('the %s request gets the %s answer, and so does a body that follows it', async (name) => {
    const answer = await create(requestExamples[name]!.value);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toEqual(answers[name]!.value);
    const renamed = await create({ ...requestExamples[name]!.value, name: 'Another program' });
    expect(renamed.body).toEqual(answers[name]!.value);
  });

  test('an example named in Prefer wins over the pairing', async () => {
    const [first, second] = Object.keys(requestExamples) as [string, string];
    const answer = await create(requestExamples[first]!.value, `example=${second}`);
    expect(answer.body).toEqual(answers[second]!.value);
  });
});
