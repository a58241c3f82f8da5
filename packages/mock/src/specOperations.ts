import { access } from 'node:fs/promises';
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import { MockSpecError } from './errors.js';

/** Reads an OpenAPI file into Prism's operations, failing with a message a partner can act on. */
export async function loadSpecOperations(specPath: string): Promise<IHttpOperation[]> {
  try {
    await access(specPath);
  } catch {
    throw new MockSpecError(`spec file not found: ${specPath}`);
  }
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
