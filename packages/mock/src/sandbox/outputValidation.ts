import { createRequire } from 'node:module';
import type { IHttpResponse } from '@stoplight/prism-http';
import { DiagnosticSeverity, type IHttpOperation } from '@stoplight/types';

type Diagnostic = { message: string; severity: DiagnosticSeverity; path?: string[]; code?: string | number };
type Either<L, R> = { _tag: 'Left'; left: L } | { _tag: 'Right'; right: R };
export type ValidateOutput = (options: { resource: IHttpOperation; element: IHttpResponse }) => Either<Diagnostic[], IHttpResponse>;

export const prismValidateOutput = (createRequire(import.meta.url)('@stoplight/prism-http/dist/validator/index.js') as { validateOutput: ValidateOutput }).validateOutput;

/**
 * Prism's output validation (`validate`: Prism's, or a check that gives the same findings), with one rule
 * made strict: Prism only warns about an error status the operation does not declare, but an
 * engine that answers one has broken the spec all the same.
 */
export function engineOutputValidation(validate: ValidateOutput): ValidateOutput {
  return (options) => {
    const status = String(options.element.statusCode);
    const declared = options.resource.responses.some((response) => response.code === status);
    const result = validate(options);
    if (declared) return result;
    const undeclared: Diagnostic = { message: `status ${status} is not declared for ${options.resource.iid ?? 'this operation'}`, severity: DiagnosticSeverity.Error };
    return { _tag: 'Left', left: [...(result._tag === 'Left' ? result.left : []), undeclared] };
  };
}
