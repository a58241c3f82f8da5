import { loadOpenApiDocument } from '@voucher-programs/spec';
import { listOperations, type SpecOperation } from '../../../scripts/docs/spec-walk.ts';
import type { BundledSpec } from '../../../scripts/generate/artifact.ts';

/** The bundled spec the client and the mock are built from; shared and never changed by a test. */
export const bundle = loadOpenApiDocument() as BundledSpec;

/** Every operation under `paths`, with resolved parameters and its first tag. */
export const specOperations: readonly SpecOperation[] = listOperations(bundle);

export function specOperation(operationId: string): SpecOperation {
  const found = specOperations.find((op) => op.operationId === operationId);
  if (!found) throw new Error(`the bundle has no operation ${operationId}`);
  return found;
}

/** A deep copy a test may change (the coverage checker's mutation tests). */
export function copyOfBundle(): BundledSpec {
  return structuredClone(bundle);
}
