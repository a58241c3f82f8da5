import type { IPrismDiagnostic } from '@stoplight/prism-core';
import { DiagnosticSeverity } from '@stoplight/types';

/** One way a request or an answer breaks the spec, as Prism reports it in `sl-violations`. */
export interface SpecViolation {
  location: string[];
  severity: 'Error' | 'Warning' | 'Information' | 'Hint';
  code: string | number | undefined;
  message: string;
}

export function toViolations(side: 'request' | 'response', diagnostics: readonly IPrismDiagnostic[]): SpecViolation[] {
  return diagnostics.map((diagnostic) => ({
    location: [side, ...(diagnostic.path ?? [])],
    severity: DiagnosticSeverity[diagnostic.severity] as SpecViolation['severity'],
    code: diagnostic.code,
    message: diagnostic.message,
  }));
}

export function isError(violation: SpecViolation): boolean {
  return violation.severity === 'Error';
}

/** One line a person can read, e.g. "Request body property limit must be integer; …". */
export function describeViolations(violations: readonly SpecViolation[]): string {
  return violations.map((violation) => violation.message).join('; ');
}
