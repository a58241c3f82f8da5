/**
 * Build step (`pnpm --filter @voucher-programs/mock build`): reads the bundled spec into Prism's
 * operations once and writes them beside the code, so a mock serving the bundled spec skips
 * Prism's dereferencing and conversion at every start, and, when every schema Prism compiles for
 * them fits its meta-schema, Ajv's meta-schema check at every first request (metaSchemaCheck.ts).
 */
import { writeFile } from 'node:fs/promises';
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import { metaSchemaProblems } from './metaSchemaFit.js';
import { operationMakers, precomputedOperationsUrl, prismAjvVersion, specSha256, type PrecomputedOperations } from './precomputedOperations.js';
import { bundledSpecPath } from './bundledSpec.js';

const operations = await getHttpOperationsFromSpec(bundledSpecPath);
const problems = metaSchemaProblems(operations);
// Not fatal: the mock then checks these schemas at run time, as Prism always does.
for (const problem of problems) process.stderr.write(`schema does not fit its meta-schema, checked at run time instead: ${problem}\n`);
const precomputed: PrecomputedOperations = {
  specSha256: await specSha256(bundledSpecPath),
  madeBy: operationMakers(),
  schemasFitMetaSchemasWithAjv: problems.length === 0 ? prismAjvVersion() : null,
  operations,
};
await writeFile(precomputedOperationsUrl, `${JSON.stringify(precomputed)}\n`);
