/**
 * The meta-schema check the build makes in place of Ajv's at run time: Ajv's own verdicts are the
 * judge, and the skip reaches only the operations the build checked.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { IHttpOperation } from '@stoplight/types';
import { beforeAll, describe, expect, test } from 'vitest';
import { bundledSpecPath } from '../src/bundledSpec.js';
import { markCheckedAtBuild, skippingBuildCheckedMetaSchemas } from '../src/metaSchemaCheck.js';
import { metaSchemaProblems } from '../src/metaSchemaFit.js';
import type { ValidateOutput } from '../src/outputValidationMemo.js';
import { loadSpecOperations } from '../src/specOperations.js';

const { validateOutput } = createRequire(import.meta.url)('@stoplight/prism-http/dist/validator/index.js') as { validateOutput: ValidateOutput };

let operations: IHttpOperation[];
let getProgram: IHttpOperation;
beforeAll(async () => {
  operations = await loadSpecOperations(bundledSpecPath);
  getProgram = operations.find((operation) => operation.method === 'get' && operation.path.endsWith('/voucher-programs/{voucher_program_id}'))!;
});

/** getVoucherProgram with an answer schema that lists a required property twice: Ajv's meta-schema refuses it, its compiler does not. */
function withTwiceRequired(): IHttpOperation {
  const copy = structuredClone(getProgram);
  const schema = copy.responses.find((response) => response.code === '200')!.contents![0]!.schema as { required: string[] };
  schema.required = ['voucher_program_id', 'voucher_program_id'];
  return copy;
}

const answerWithoutId = { statusCode: 200, headers: { 'content-type': 'application/json' }, body: {} };

describe('the build check', () => {
  test('finds nothing in the bundled spec', () => {
    expect(metaSchemaProblems(operations)).toEqual([]);
  });

  test('names each schema Ajv refuses: an answer schema, and a parameter group Prism builds itself', () => {
    const twice = withTwiceRequired();
    const sameParameterTwice = structuredClone(getProgram);
    const pathParameters = sameParameterTwice.request!.path!;
    pathParameters.push({ ...pathParameters[0]!, id: 'again' });
    const problems = metaSchemaProblems([twice, sameParameterTwice]);
    expect(problems).toHaveLength(2);
    for (const problem of problems) {
      expect(problem).toMatch(/^GET \/v1\/organizations\/\{organization_id\}\/voucher-programs\/\{voucher_program_id\}: schema is invalid: data\/required must NOT have duplicate items/);
    }
  });
});

describe('the skip at run time', () => {
  test('reaches only operations the build checked, and ends with the validation', () => {
    const validate = skippingBuildCheckedMetaSchemas(validateOutput);
    const unchecked = withTwiceRequired();
    const checked = withTwiceRequired();
    markCheckedAtBuild([checked]);
    // Ajv's check refuses the schema, and Prism then validates nothing against it.
    expect(validate({ resource: unchecked, element: answerWithoutId })._tag).toBe('Right');
    // Without the check, the same schema compiles and finds the missing property.
    const skipped = validate({ resource: checked, element: answerWithoutId });
    expect(skipped._tag).toBe('Left');
    expect(JSON.stringify(skipped)).toContain("must have required property 'voucher_program_id'");
    // Checked again right after: an unchecked operation's schema still meets Ajv's check.
    expect(validate({ resource: withTwiceRequired(), element: answerWithoutId })._tag).toBe('Right');
  });
});

describe('the built package', () => {
  test('marks the operations it reads from its build, made with the Ajv Prism loads', async () => {
    // The build's files sit beside the built code only.
    const built = '../dist/';
    const { readPrecomputedOperations, prismAjvVersion, precomputedOperationsUrl, specSha256 } = (await import(`${built}precomputedOperations.js`)) as typeof import('../src/precomputedOperations.js');
    const { skippingBuildCheckedMetaSchemas: skipping } = (await import(`${built}metaSchemaCheck.js`)) as typeof import('../src/metaSchemaCheck.js');
    const written = JSON.parse(readFileSync(precomputedOperationsUrl(await specSha256(bundledSpecPath)), 'utf8')) as { schemasFitMetaSchemasWithAjv: string | null };
    expect(written.schemasFitMetaSchemasWithAjv).toBe(prismAjvVersion());
    const read = (await readPrecomputedOperations(bundledSpecPath))!;
    const operation = read.find((candidate) => candidate.method === 'get' && candidate.path === getProgram.path)!;
    // Broken in place: only a marked operation's schema compiles without Ajv's check.
    (operation.responses.find((response) => response.code === '200')!.contents![0]!.schema as { required: string[] }).required = ['voucher_program_id', 'voucher_program_id'];
    expect(skipping(validateOutput)({ resource: operation, element: answerWithoutId })._tag).toBe('Left');
  });
});
