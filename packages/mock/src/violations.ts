import type { IPrismDiagnostic } from '@stoplight/prism-core';
import { DiagnosticSeverity } from '@stoplight/types';

import type { SpecViolation } from './mockOptions.js';

export type { SpecViolation } from './mockOptions.js';

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
