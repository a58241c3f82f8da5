import { describe, expect, it } from 'vitest';
import { bundle, copyOfBundle } from './support/bundle.ts';
import { countDeclaredResponses, enumerateResponseCases, responseCaseKey, responseCoverageProblems } from './support/response-cases.ts';

// What the contract suite exercises when it covers today's spec exactly.
const coveredToday = enumerateResponseCases(bundle).map(responseCaseKey);
const createPath = '/v1/organizations/{organization_id}/voucher-programs';
const errorExample = (code: string) => ({ value: { code, message: 'added by a test' } });

describe('the response coverage checker', () => {
  it('accepts today’s spec with today’s cases', () => {
    expect(responseCoverageProblems(bundle, coveredToday)).toEqual([]);
    expect(countDeclaredResponses(bundle)).toBe(coveredToday.length);
  });

  it('fails when the spec gains a status with no test', () => {
    const spec = copyOfBundle();
    spec.paths[createPath].post.responses['418'] = {
      description: 'added by a test',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, examples: { teapot: errorExample('teapot') } } },
    };
    expect(responseCoverageProblems(spec, coveredToday)).toEqual(['no contract test for createVoucherProgram 418 teapot']);
  });

  it('fails when an existing status gains a named example with no test', () => {
    const spec = copyOfBundle();
    const forbidden = spec.components.responses.Forbidden.content['application/json'];
    forbidden.examples.organization_suspended = errorExample('organization_suspended');
    const problems = responseCoverageProblems(spec, coveredToday);
    // Forbidden is shared, so every operation that declares 403 gains a case.
    const declaring403 = enumerateResponseCases(bundle).filter((c) => c.status === '403' && c.example === 'user_not_allowed');
    expect(declaring403.length).toBeGreaterThan(0);
    expect(problems).toEqual(declaring403.map((c) => `no contract test for ${c.operationId} 403 organization_suspended`));
  });

  it('fails when the spec gains an operation with no test', () => {
    const spec = copyOfBundle();
    spec.paths[`${createPath}/{voucher_program_id}/archive`] = {
      post: { operationId: 'archiveVoucherProgram', tags: ['programs'], responses: { '204': { description: 'archived' }, default: { description: 'any error' } } },
    };
    expect(responseCoverageProblems(spec, coveredToday)).toEqual([
      'no contract test for archiveVoucherProgram 204 -',
      'no contract test for archiveVoucherProgram default -',
    ]);
  });

  it('fails when a test covers a response the spec no longer declares', () => {
    const spec = copyOfBundle();
    delete spec.paths[createPath].post.responses['429'];
    expect(responseCoverageProblems(spec, coveredToday)).toEqual(['a contract test for createVoucherProgram 429 rate_limited, which the spec does not declare']);
  });

  it('fails when a response has examples the enumeration cannot turn into tests (not JSON)', () => {
    const spec = copyOfBundle();
    spec.paths[createPath].post.responses['200'].content['text/csv'] = {
      schema: { type: 'string' },
      examples: { spreadsheet: { value: 'voucher_program_id\n5f0c2a51' }, empty: { value: '' } },
    };
    const problems = responseCoverageProblems(spec, coveredToday);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/declares \d+ responses but the enumeration found \d+/);
    // The 200 already names multi_code and single_code; the CSV adds two more names to it.
    expect(countDeclaredResponses(spec)).toBe(coveredToday.length + 2);
  });
});
