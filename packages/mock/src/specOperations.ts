import { access } from 'node:fs/promises';
import type { IHttpOperation } from '@stoplight/types';
import { MockSpecError } from './errors.js';
import { readPrecomputedOperations } from './precomputedOperations.js';

/**
 * Reads an OpenAPI file into Prism's operations, failing with a message a partner can act on.
 * With `precomputed`, the operations the build made from the same file with the same Prism are
 * used when there are any.
 */
export async function loadSpecOperations(specPath: string, { precomputed = false } = {}): Promise<IHttpOperation[]> {
  try {
    await access(specPath);
  } catch {
    throw new MockSpecError(`spec file not found: ${specPath}`);
  }
  const made = precomputed ? await readPrecomputedOperations(specPath) : undefined;
  if (made) return made;
  // Prism's reader (YAML, `$ref` resolution) loads only for a spec the build did not prepare.
  const { getHttpOperationsFromSpec } = await import('@stoplight/prism-http');
  let operations: IHttpOperation[];
  try {
    operations = await getHttpOperationsFromSpec(specPath);
  } catch (error) {
    throw new MockSpecError(`spec file ${specPath} could not be read: ${(error as Error).message}`);
  }
  if (operations.length === 0) {
    throw new MockSpecError(`spec file ${specPath} declares no operations`);
  }
  return operations;
}
