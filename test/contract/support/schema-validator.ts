import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { bundle } from './bundle.ts';

// ajv-formats is CommonJS; under NodeNext its callable sits on `default`.
const addFormats = addFormatsModule as unknown as { default: (ajv: Ajv2020) => Ajv2020 };

const documentId = 'urn:voucher-programs:openapi';
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
// The whole bundle is one schema resource, so every `#/components/...` $ref resolves as in the spec.
ajv.addSchema({ ...bundle, $id: documentId });

const validators = new Map<string, ValidateFunction>();

function compiled(pointer: string): ValidateFunction {
  let validate = validators.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `${documentId}${pointer}` });
    validators.set(pointer, validate);
  }
  return validate;
}

/** A JSON pointer (`#/components/schemas/Error`) to the bundle's schema at that place. */
export function schemaValidator(pointer: string): (value: unknown) => string[] {
  const validate = compiled(pointer);
  return (value) => (validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`));
}

/** The schema keywords a value breaks, read from where each error sits in the schema (`allOf`, `if`, `not`…). */
export function brokenKeywords(pointer: string, value: unknown): Set<string> {
  const validate = compiled(pointer);
  if (validate(value)) return new Set();
  return new Set((validate.errors ?? []).flatMap((error) => [error.keyword, ...error.schemaPath.split('/')]));
}

/** Escapes one JSON pointer segment (a path such as `/v1/organizations/{organization_id}`). */
export function pointerSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

export const errorSchemaPointer = '#/components/schemas/Error';
export const validateError = schemaValidator(errorSchemaPointer);
