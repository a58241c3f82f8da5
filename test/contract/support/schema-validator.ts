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

/** A JSON pointer (`#/components/schemas/Error`) to the bundle's schema at that place. */
export function schemaValidator(pointer: string): (value: unknown) => string[] {
  let validate = validators.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `${documentId}${pointer}` });
    validators.set(pointer, validate);
  }
  const compiled = validate;
  return (value) => (compiled(value) ? [] : (compiled.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`));
}

/** Escapes one JSON pointer segment (a path such as `/v1/organizations/{organization_id}`). */
export function pointerSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

export const errorSchemaPointer = '#/components/schemas/Error';
export const validateError = schemaValidator(errorSchemaPointer);
