/**
 * Build step (`pnpm --filter @voucher-programs/mock build`): reads the specs the package ships (the
 * API's and the sandbox control API's) into Prism's operations once and writes them beside the
 * code, so a mock or sandbox serving them skips Prism's dereferencing and conversion at every
 * start, and, when every schema Prism compiles for them fits its meta-schema, Ajv's meta-schema
 * check at every first request (metaSchemaCheck.ts).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import { metaSchemaProblems } from './metaSchemaFit.js';
import { operationMakers, precomputedOperationsDirectory, precomputedOperationsUrl, prismAjvVersion, specSha256, type PrecomputedOperations } from './precomputedOperations.js';
import { bundledSpecPath, sandboxControlSpecPath } from './bundledSpec.js';

// Only this build's files: a spec changed since an earlier build leaves nothing behind.
await rm(precomputedOperationsDirectory, { recursive: true, force: true });
await mkdir(precomputedOperationsDirectory);
for (const specPath of [bundledSpecPath, sandboxControlSpecPath]) {
  const operations = await getHttpOperationsFromSpec(specPath);
  const problems = metaSchemaProblems(operations);
  // Not fatal: the mock then checks these schemas at run time, as Prism always does.
  for (const problem of problems) process.stderr.write(`schema does not fit its meta-schema, checked at run time instead: ${problem}\n`);
  const precomputed: PrecomputedOperations = {
    specSha256: await specSha256(specPath),
    madeBy: operationMakers(),
    schemasFitMetaSchemasWithAjv: problems.length === 0 ? prismAjvVersion() : null,
    operations,
  };
  await writeFile(precomputedOperationsUrl(precomputed.specSha256), `${JSON.stringify(precomputed)}\n`);
}
