import type { IHttpOperation } from '@stoplight/types';
import type { SpecViolation } from './violations.js';

// JSON's number grammar: what a number in a query string can honestly mean. Prism reads numbers with
// Number(), which also takes " 5", "+5", "01", "0x10" and "" (as 0); the API's types do not.
const jsonNumber = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function violation(name: string, code: string, message: string): SpecViolation {
  return { location: ['request', 'query', name], severity: 'Error', code, message: `Request query parameter ${name} ${message}` };
}

/**
 * What Prism lets through in a query string but the spec's parameter types forbid: numbers and
 * booleans not written as JSON writes them, and empty values (`?limit=`, `?page_token=`), which
 * Prism reads as absent. Ranges, formats and everything else stay Prism's to check.
 */
export function queryViolations(operation: IHttpOperation, query: URLSearchParams): SpecViolation[] {
  const found: SpecViolation[] = [];
  for (const parameter of operation.request?.query ?? []) {
    const schema = parameter.schema as { type?: string | string[]; minLength?: number } | undefined;
    if (!schema || !query.has(parameter.name)) continue;
    const types = [schema.type ?? []].flat();
    for (const text of query.getAll(parameter.name)) {
      if (types.includes('integer') || types.includes('number')) {
        if (!jsonNumber.test(text)) found.push(violation(parameter.name, 'type', `must be ${types.includes('integer') ? 'an integer' : 'a number'}, not ${JSON.stringify(text)}`));
      } else if (types.includes('boolean')) {
        if (text !== 'true' && text !== 'false') found.push(violation(parameter.name, 'type', `must be true or false, not ${JSON.stringify(text)}`));
      } else if (text === '' && (schema.minLength ?? 0) > 0) {
        found.push(violation(parameter.name, 'minLength', `must not be empty; leave it out instead`));
      }
    }
  }
  return found;
}
