import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { loadOpenApiDocument } from '@voucher-programs/spec';

// ajv-formats is CommonJS; its callable sits on `default` under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const documentId = 'https://voucher-programs.invalid/openapi.json';
export const openApiDocument = loadOpenApiDocument() as OpenApiDocument;

interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: { responses: Record<string, ResponseObject>; schemas: Record<string, { example?: unknown }>; parameters: Record<string, ParameterObject> };
}
interface ParameterObject { name: string; in: string; example?: unknown; required?: boolean; $ref?: string }
interface ResponseObject { $ref?: string; content?: Record<string, { schema?: { $ref?: string }; examples?: Record<string, { $ref?: string; value?: unknown }> }> }
interface OperationObject {
  operationId: string;
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content: Record<string, { schema: { $ref: string } }> };
  responses: Record<string, ResponseObject>;
}

export interface SpecOperation {
  operationId: string;
  method: string;
  pathTemplate: string;
  operation: OperationObject;
}

export const specOperations: SpecOperation[] = Object.entries(openApiDocument.paths).flatMap(([pathTemplate, methods]) =>
  Object.entries(methods)
    .filter(([, operation]) => typeof operation === 'object' && 'operationId' in operation)
    .map(([method, operation]) => ({ operationId: operation.operationId, method: method.toUpperCase(), pathTemplate, operation })),
);

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...openApiDocument, $id: documentId });

const validators = new Map<string, ValidateFunction>();
function validatorFor(pointer: string): ValidateFunction {
  let validate = validators.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `${documentId}#${pointer}` });
    validators.set(pointer, validate);
  }
  return validate;
}

function resolve<T extends { $ref?: string }>(value: T): T {
  if (!value.$ref) return value;
  const target = value.$ref.replace(/^#\//, '').split('/').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], openApiDocument);
  return resolve(target as T);
}

export function findOperation(operationId: string): SpecOperation {
  const found = specOperations.find((candidate) => candidate.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId}`);
  return found;
}

/** The named examples the spec declares for an operation's error status, keyed by error code. */
export function declaredErrorExamples(operation: SpecOperation, status: string): Record<string, unknown> {
  const response = resolve(operation.operation.responses[status] ?? {});
  const examples = response.content?.['application/json']?.examples ?? {};
  return Object.fromEntries(Object.entries(examples).map(([key, example]) => [key, resolve(example).value]));
}

/** Validates an answer against the spec: its status must be declared and its body must fit. */
export function conformanceProblems(operation: SpecOperation | undefined, status: number, body: unknown): string[] {
  if (!operation) {
    // An unknown route has no operation; the answer must still be the spec's Error model.
    const validate = validatorFor('/components/schemas/Error');
    return validate(body) ? [] : [ajv.errorsText(validate.errors)];
  }
  const declared = operation.operation.responses[String(status)];
  if (!declared) return [`${operation.operationId} does not declare status ${status}`];
  const response = resolve(declared);
  if (!response.content) return body === undefined || body === '' ? [] : [`status ${status} declares no body but got one`];
  const pointer = findSchemaPointer(operation, String(status));
  const validate = validatorFor(pointer);
  return validate(body) ? [] : [ajv.errorsText(validate.errors)];
}

function findSchemaPointer(operation: SpecOperation, status: string): string {
  const declared = operation.operation.responses[status] as ResponseObject;
  if (declared.$ref) return `${declared.$ref.replace(/^#/, '')}/content/application~1json/schema`;
  const path = operation.pathTemplate.replaceAll('~', '~0').replaceAll('/', '~1');
  return `/paths/${path}/${operation.method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
}

/** A request the spec accepts: path ids from the parameters' examples, the body from the schema's example. */
export function validRequest(operation: SpecOperation): { path: string; body: string | undefined } {
  const parameters = (operation.operation.parameters ?? []).map((parameter) => resolve(parameter));
  const path = operation.pathTemplate.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const parameter = parameters.find((candidate) => candidate.in === 'path' && candidate.name === name);
    return encodeURIComponent(String(parameter?.example ?? '0c6a1f7e-93d2-4b55-8a0e-6d7c8b9a1e2f'));
  });
  const schemaRef = operation.operation.requestBody?.content['application/json']?.schema.$ref;
  const body = schemaRef ? JSON.stringify(resolve({ $ref: schemaRef } as { $ref: string; example?: unknown }).example) : undefined;
  return { path, body };
}
