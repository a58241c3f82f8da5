import { describe, expect, it } from 'vitest';
import { validate } from '@hyperjump/json-schema/openapi-3-1';
import { loadBundle, resolvePointer, type JsonObject } from './support/bundle.ts';

// The official OpenAPI 3.1 schema with its schema dialect, shipped inside @hyperjump/json-schema:
// no network needed. `schema-base` also checks every Schema Object against the 3.1 dialect.
const officialSchema = 'https://spec.openapis.org/oas/3.1/schema-base';
// The spec declares plain JSON Schema 2020-12 (Prism picks its validator by that name); `schema-base`
// only accepts the OAS base dialect, which is 2020-12 plus OpenAPI's own keywords, so the copy judged
// here names that dialect instead: every Schema Object is then held to 2020-12 and `example`.
const jsonSchema2020 = 'https://json-schema.org/draft/2020-12/schema';
const oasBaseDialect = 'https://spec.openapis.org/oas/3.1/dialect/base';

function withOasDialect(bundle: JsonObject): JsonObject {
  return { ...bundle, jsonSchemaDialect: oasBaseDialect };
}

describe('the bundle against the official OpenAPI 3.1 schema (independent of the linters)', () => {
  it('declares JSON Schema 2020-12 as its dialect, so Prism applies dependentRequired and friends', () => {
    expect(loadBundle().jsonSchemaDialect).toBe(jsonSchema2020);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const output = await validate(officialSchema, withOasDialect(loadBundle()), 'BASIC');
    expect(('errors' in output ? output.errors : undefined) ?? []).toEqual([]);
    expect(output.valid).toBe(true);
  });

  it('rejects a copy with a numeric operationId and a schema with a bad type', async () => {
    const broken = withOasDialect(loadBundle());
    (resolvePointer(broken, '#/paths/~1v1.2~1me~1vouchers~1redeem/post') as JsonObject).operationId = 18;
    (resolvePointer(broken, '#/components/schemas/EpochMillis') as JsonObject).type = 'timestamp';
    const output = await validate(officialSchema, broken, 'BASIC');
    expect(output.valid).toBe(false);
    const locations = (('errors' in output ? output.errors : undefined) ?? []).map((error) => error.instanceLocation);
    expect(locations).toContain('#/paths/~1v1.2~1me~1vouchers~1redeem/post/operationId');
    expect(locations).toContain('#/components/schemas/EpochMillis/type');
  });
});
