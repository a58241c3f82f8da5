import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../lib/run.ts';
import type { BundledSpec, GeneratedFile } from './artifact.ts';

/**
 * Makes generated/ an installable package, so the other packages and partners import the bundle
 * and its types by name. Its version is the spec's `info.version`: the package *is* the spec.
 */
export function emitSpecPackage(spec: BundledSpec): GeneratedFile[] {
  const manifest = {
    name: '@voucher-programs/spec',
    version: spec.info.version,
    description: 'OpenAPI 3.1 description of the Uber for Business Voucher Programs API, bundled, with TypeScript types.',
    license: 'Apache-2.0',
    type: 'module',
    sideEffects: false,
    exports: {
      '.': { types: './index.d.ts', default: './index.js' },
      './operations': { types: './operations.d.ts', default: './operations.js' },
      './openapi.json': './openapi.json',
      './openapi.yaml': './openapi.yaml',
      './sandbox-control': { types: './sandbox-control/schema.d.ts' },
      './sandbox-control/openapi.json': './sandbox-control/openapi.json',
      './package.json': './package.json',
    },
    files: ['index.js', 'index.d.ts', 'operations.js', 'operations.d.ts', 'schema.d.ts', 'openapi.json', 'openapi.yaml', 'sandbox-control', 'README.md', 'LICENSE'],
  };
  const indexJs = [
    "import { readFileSync } from 'node:fs';",
    '',
    '/** Absolute path of the bundled spec, for tools that take a file (Prism, Redocly). */',
    "export const openapiJsonPath = new URL('./openapi.json', import.meta.url);",
    "export const openapiYamlPath = new URL('./openapi.yaml', import.meta.url);",
    '',
    '/** The bundled spec, parsed. Read once, on first use. */',
    'let cached;',
    'export function loadOpenApiDocument() {',
    "  cached ??= JSON.parse(readFileSync(openapiJsonPath, 'utf8'));",
    '  return cached;',
    '}',
    '',
  ].join('\n');
  const indexDts = [
    "export type * from './schema.js';",
    '',
    '/** Absolute path of the bundled spec, for tools that take a file (Prism, Redocly). */',
    'export declare const openapiJsonPath: URL;',
    'export declare const openapiYamlPath: URL;',
    '/** The bundled spec, parsed. */',
    'export declare function loadOpenApiDocument(): Record<string, any>;',
    '',
  ].join('\n');
  const readme = [
    '# @voucher-programs/spec',
    '',
    `The OpenAPI ${spec.openapi} description of the ${spec.info.title}, version ${spec.info.version}, bundled into one file,`,
    'with TypeScript types generated from it by openapi-typescript.',
    '',
    '```ts',
    "import type { paths, components, webhooks } from '@voucher-programs/spec';",
    "import { openapiJsonPath, loadOpenApiDocument } from '@voucher-programs/spec';",
    "// One entry per operationId: method, path, tag, x-idempotent, x-pagination, scopes, error codes.",
    "import { operationTable, errorCodes } from '@voucher-programs/spec/operations';",
    '```',
    '',
    '| export | what it is |',
    '| --- | --- |',
    '| `paths`, `components`, `operations`, `webhooks` (types) | the openapi-typescript types, as openapi-fetch expects them; `Schema*` aliases name each model |',
    '| `openapiJsonPath`, `openapiYamlPath` | file URLs of the bundle, for tools that take a file (Prism, Redocly) |',
    '| `loadOpenApiDocument()` | the bundle, parsed |',
    '| `@voucher-programs/spec/operations` | `operationTable` (the table the client derives its methods, retries and paging from) and `errorCodes`; no Node.js imports, so it also runs in browsers |',
    '| `@voucher-programs/spec/openapi.json`, `/openapi.yaml` | the bundle itself |',
    '| `@voucher-programs/spec/sandbox-control` (types), `/sandbox-control/openapi.json` | the local sandbox\'s control API (clock, reset), bundled and typed the same way |',
    '',
    'Everything here is generated from `spec/` by `pnpm generate`; change the spec, not these files.',
    '',
  ].join('\n');
  return [
    { path: 'package.json', contents: `${JSON.stringify(manifest, null, 2)}\n` },
    { path: 'index.js', contents: indexJs },
    { path: 'index.d.ts', contents: indexDts },
    { path: 'README.md', contents: readme },
    // The repository's licence ships with the package, as with every other package we publish.
    { path: 'LICENSE', contents: readFileSync(join(repoRoot, 'LICENSE'), 'utf8') },
  ];
}
