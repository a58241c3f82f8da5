import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { loadOpenApiDocument } from '@voucher-programs/spec';

// ajv-formats is CommonJS; its callable sits on `default` under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const documentId = 'https://voucher-programs.invalid/openapi.json';
const document = loadOpenApiDocument() as { webhooks: Record<string, unknown> };
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...document, $id: documentId });

const validators = new Map<string, ValidateFunction>();

/** The problems Ajv 2020 finds in `value` against the bundle's schema at `pointer` (`/components/schemas/Error`). */
export function schemaProblems(pointer: string, value: unknown): string[] {
  let validate = validators.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `${documentId}#${pointer}` });
    validators.set(pointer, validate);
  }
  return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`);
}

/**
 * The problems Ajv 2020 finds in a delivered body against the request body schema of the spec's
 * webhook named after its `event_type`; an event type the spec does not list is a problem too.
 */
export function webhookBodyProblems(body: unknown): string[] {
  const eventType = (body as { event_type?: unknown } | null)?.event_type;
  if (typeof eventType !== 'string' || !(eventType in document.webhooks)) return [`the spec has no webhook ${String(eventType)}`];
  return schemaProblems(`/webhooks/${eventType}/post/requestBody/content/application~1json/schema`, body);
}
