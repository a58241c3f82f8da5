/**
 * Build step beside writePrismOperations: runs Prism's own request and answer validators once over
 * every operation, with Ajv's meta-schema check recording its verdicts, so each schema Prism
 * compiles for these operations (the derived ones too: merged `allOf`, parameter groups, answer
 * headers) is checked against its meta-schema by the same Ajv instances that serve requests.
 */
import { createRequire } from 'node:module';
import type { IHttpOperation } from '@stoplight/types';
import { prismAjvCore } from './metaSchemaCheck.js';

type Validate = (options: { resource: IHttpOperation; element: unknown }) => unknown;

const { validateInput, validateOutput } = createRequire(import.meta.url)('@stoplight/prism-http/dist/validator/index.js') as {
  validateInput: Validate;
  validateOutput: Validate;
};

/** Every meta-schema finding, as `METHOD path: message`; empty when every schema fits. */
export function metaSchemaProblems(operations: readonly IHttpOperation[]): string[] {
  const problems: string[] = [];
  let checking = '';
  const { prototype } = prismAjvCore();
  const check = prototype.validateSchema;
  prototype.validateSchema = function validateSchema(schema, throwOrLogError) {
    const errorsText = (this as { errorsText(): string }).errorsText.bind(this);
    try {
      const valid = check.call(this, schema, throwOrLogError);
      if (valid !== true) problems.push(`${checking}: ${errorsText()}`);
      return valid;
    } catch (error) {
      problems.push(`${checking}: ${(error as Error).message}`);
      throw error;
    }
  };
  try {
    for (const operation of operations) {
      checking = `${operation.method.toUpperCase()} ${operation.path}`;
      for (const element of requestsOf(operation)) validateInput({ resource: operation, element });
      for (const element of answersOf(operation)) validateOutput({ resource: operation, element });
    }
  } finally {
    prototype.validateSchema = check;
  }
  return problems;
}

// The values do not matter, only that Prism reaches every schema: one request per body media type.
function requestsOf(operation: IHttpOperation): unknown[] {
  const url = { path: operation.path, query: {} };
  const mediaTypes = (operation.request?.body?.contents ?? []).map((content) => content.mediaType);
  if (mediaTypes.length === 0) return [{ method: operation.method, url, headers: {} }];
  return mediaTypes.map((mediaType) => ({ method: operation.method, url, headers: { 'content-type': mediaType }, body: {} }));
}

function answersOf(operation: IHttpOperation): unknown[] {
  return operation.responses.flatMap((response) => {
    const statusCode = /^\d{3}$/.test(response.code) ? Number(response.code) : response.code === 'default' ? 599 : Number(response.code.replace(/X/gi, '0'));
    const mediaTypes = (response.contents ?? []).map((content) => content.mediaType);
    if (mediaTypes.length === 0) return [{ statusCode, headers: {} }];
    return mediaTypes.map((mediaType) => ({ statusCode, headers: { 'content-type': mediaType }, body: {} }));
  });
}
