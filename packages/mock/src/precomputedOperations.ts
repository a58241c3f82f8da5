import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { IHttpOperation } from '@stoplight/types';
import { markCheckedAtBuild } from './metaSchemaCheck.js';

/** What the build writes beside the code: Prism's operations for a spec it ships, and what they were made from. */
export interface PrecomputedOperations {
  /** sha256 of the spec file the operations were read from. */
  specSha256: string;
  /** The versions of the Prism parts that turned the spec into operations. */
  madeBy: Record<string, string>;
  /**
   * The version of the Ajv that Prism validates with, when with it every schema Prism compiles for
   * these operations fit its meta-schema (metaSchemaFit.ts); null when one did not.
   */
  schemasFitMetaSchemasWithAjv: string | null;
  operations: IHttpOperation[];
}

/** Where the build puts the operations of a spec file with this sha256: a spec's copy elsewhere finds them too. */
export const precomputedOperationsDirectory = new URL('./prismOperations/', import.meta.url);
export const precomputedOperationsUrl = (sha256: string): URL => new URL(`${sha256}.json`, precomputedOperationsDirectory);

export async function specSha256(specPath: string): Promise<string> {
  return createHash('sha256').update(await readFile(specPath, 'utf8')).digest('hex');
}

/** The installed versions of the packages that shape Prism's operations. */
export function operationMakers(): Record<string, string> {
  const prismHttp = createRequire(import.meta.url).resolve('@stoplight/prism-http');
  const version = (name: string) => packageVersion(createRequire(prismHttp).resolve(name), name);
  return { '@stoplight/prism-http': version('@stoplight/prism-http'), '@stoplight/http-spec': version('@stoplight/http-spec'), '@stoplight/json': version('@stoplight/json') };
}

/** The installed version of the Ajv Prism's validators load. */
export function prismAjvVersion(): string {
  const validatorUtils = createRequire(import.meta.url).resolve('@stoplight/prism-http/dist/validator/validators/utils.js');
  return packageVersion(createRequire(validatorUtils).resolve('ajv'), 'ajv');
}

/**
 * Prism's operations for this spec file as the build computed them, or undefined when there are
 * none, or when the file or the installed Prism parts differ from the ones they came from.
 */
export async function readPrecomputedOperations(specPath: string): Promise<IHttpOperation[] | undefined> {
  const sha256 = await specSha256(specPath);
  let precomputed: PrecomputedOperations;
  try {
    precomputed = JSON.parse(await readFile(precomputedOperationsUrl(sha256), 'utf8')) as PrecomputedOperations;
  } catch {
    return undefined;
  }
  if (precomputed.specSha256 !== sha256) return undefined;
  const makers = operationMakers();
  if (Object.entries(makers).some(([name, version]) => precomputed.madeBy[name] !== version)) return undefined;
  // Another Ajv might judge the schemas otherwise: then they are checked at run time, as Prism does.
  if (precomputed.schemasFitMetaSchemasWithAjv === prismAjvVersion()) markCheckedAtBuild(precomputed.operations);
  return precomputed.operations;
}

/** The version in the package.json above a package's entry file (not every package exports its package.json). */
function packageVersion(entryFile: string, name: string): string {
  for (let dir = dirname(entryFile); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version: string };
      if (manifest.name === name) return manifest.version;
    } catch {
      // no package.json here; look further up
    }
  }
  throw new Error(`no package.json of ${name} above ${entryFile}`);
}
