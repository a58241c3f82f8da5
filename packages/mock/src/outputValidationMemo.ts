import type { IPrismDiagnostic } from '@stoplight/prism-core';
import type { IHttpResponse } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';

type Either<L, R> = { _tag: 'Left'; left: L } | { _tag: 'Right'; right: R };
export type ValidateOutput = (options: { resource: IHttpOperation; element: IHttpResponse }) => Either<IPrismDiagnostic[], IHttpResponse>;

/**
 * Prism's answer check, remembered per answer body object. A static answer's body is the spec's
 * own example object, the same on every request, so it is checked once per operation, status and
 * headers; a dynamic answer is a new object every time and is checked every time.
 */
export function memoizeOutputValidation(validate: ValidateOutput): ValidateOutput {
  const byBody = new WeakMap<object, Map<IHttpOperation, Map<string, IPrismDiagnostic[] | undefined>>>();
  return (options) => {
    const { resource, element } = options;
    const body: unknown = element.body;
    if (body === null || typeof body !== 'object') return validate(options);
    // Read before validating: Ajv may coerce header values in place.
    const key = `${element.statusCode} ${JSON.stringify(element.headers ?? {})}`;
    let byOperation = byBody.get(body);
    if (!byOperation) byBody.set(body, (byOperation = new Map()));
    let byAnswer = byOperation.get(resource);
    if (!byAnswer) byOperation.set(resource, (byAnswer = new Map()));
    if (!byAnswer.has(key)) {
      const result = validate(options);
      byAnswer.set(key, result._tag === 'Left' ? result.left : undefined);
      return result;
    }
    const diagnostics = byAnswer.get(key);
    return diagnostics ? { _tag: 'Left', left: diagnostics } : { _tag: 'Right', right: element };
  };
}
