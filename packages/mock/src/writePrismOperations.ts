/**
 * Build step (`pnpm --filter @voucher-programs/mock build`): reads the bundled spec into Prism's
 * operations once and writes them beside the code, so a mock serving the bundled spec skips
 * Prism's dereferencing and conversion at every start.
 */
import { writeFile } from 'node:fs/promises';
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import { operationMakers, precomputedOperationsUrl, specSha256, type PrecomputedOperations } from './precomputedOperations.js';
import { bundledSpecPath } from './bundledSpec.js';

const precomputed: PrecomputedOperations = {
  specSha256: await specSha256(bundledSpecPath),
  madeBy: operationMakers(),
  operations: await getHttpOperationsFromSpec(bundledSpecPath),
};
await writeFile(precomputedOperationsUrl, `${JSON.stringify(precomputed)}\n`);
