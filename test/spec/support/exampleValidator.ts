import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FoundExample } from './examples.ts';
import type { JsonObject } from './bundle.ts';

const bundleId = 'https://voucher-programs.invalid/openapi.json';

export interface ExampleFailure {
  where: string;
  errors: string;
}

/**
 * Validates examples with Ajv's JSON Schema 2020-12 validator, formats included. The bundle is
 * registered whole, so each schema is compiled from its place in it and its `$ref`s resolve.
 */
export function createExampleValidator(doc: JsonObject): (example: FoundExample) => ExampleFailure | undefined {
  // Strict mode stays on (an unknown keyword or format is an error, not silently ignored), except
  // strictRequired: it cannot see that `required` inside if/then, not and anyOf names properties of
  // the parent schema; voucher-required-properties-declared makes that check properly.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, validateSchema: false });
  addFormats.default(ajv);
  // OpenAPI's own schema annotations, and ours.
  ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs', 'x-evidence']);
  // The document around the schemas: Ajv reads it as the root schema that `$ref`s point into.
  ajv.addVocabulary(['openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags']);
  ajv.addSchema(doc, bundleId);
  const compiled = new Map<string, ValidateFunction>();

  return (example) => {
    let validate = compiled.get(example.schemaPointer);
    if (!validate) {
      const fragment = example.schemaPointer.slice(1).split('/').map(encodeURIComponent).join('/');
      validate = ajv.compile({ $ref: `${bundleId}#${fragment}` });
      compiled.set(example.schemaPointer, validate);
    }
    if (validate(example.value)) return undefined;
    return { where: example.where, errors: ajv.errorsText(validate.errors, { dataVar: 'example' }) };
  };
}
