import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { BundledSpec } from '../../../scripts/generate/artifact.ts';
import { resolveRef, type SpecOperation } from '../../../scripts/docs/spec-walk.ts';

/** Validates a request body against its operation's schema, with the bundle's components in reach of `$ref`. */
export function requestBodyValidator(spec: BundledSpec) {
  const ajv = new Ajv2020.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'urn:voucher-programs:spec', components: spec.components }, 'urn:voucher-programs:spec');
  return (op: SpecOperation, body: unknown): string[] => {
    const requestBody = resolveRef(spec, op.operation.requestBody);
    const schema = JSON.parse(
      JSON.stringify(requestBody.content['application/json'].schema).replace(/"#\/components\//g, '"urn:voucher-programs:spec#/components/'),
    );
    const validate = ajv.compile(schema);
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  };
}
