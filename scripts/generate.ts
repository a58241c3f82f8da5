/**
 * `pnpm generate` writes generated/ from spec/; `pnpm generate --check` writes nothing and exits 1,
 * naming the files, when generated/ differs from what spec/ produces (CI runs it).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/run.ts';
import type { GeneratedFile } from './generate/artifact.ts';
import { bundleSpec } from './generate/bundle.ts';
import { emitTypes } from './generate/types.ts';
import { emitSpecPackage } from './generate/package.ts';
import { emitOperations } from './generate/operations.ts';
import { emitSandboxControl } from './generate/sandboxControl.ts';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
const generatedDir = join(repoRoot, 'generated');
/** Built by `pnpm run docs`, never committed, so neither written nor compared here. */
const notOurs = new Set(['docs', 'node_modules']);

const started = performance.now();
const { spec, files: bundleFiles } = bundleSpec();
const files: GeneratedFile[] = [...bundleFiles, ...(await emitTypes(spec)), ...emitSpecPackage(spec), ...emitOperations(spec), ...(await emitSandboxControl())];

function listExisting(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix + entry.name;
    if (!prefix && notOurs.has(entry.name)) return [];
    return entry.isDirectory() ? listExisting(join(dir, entry.name), `${rel}/`) : [rel];
  });
}

const wanted = new Map(files.map((f) => [f.path, f.contents]));
const existing = listExisting(generatedDir);
const stale = existing.filter((path) => !wanted.has(path));
const differing = [...wanted].filter(([path, contents]) => {
  const full = join(generatedDir, path);
  return !existsSync(full) || readFileSync(full, 'utf8') !== contents;
}).map(([path]) => path);

if (values.check) {
  if (stale.length || differing.length) {
    for (const path of differing) console.error(`generated/${path} differs from what spec/ produces`);
    for (const path of stale) console.error(`generated/${path} is not produced by spec/ any more`);
    console.error('Run `pnpm generate` and commit the result.');
    process.exit(1);
  }
  console.log(`generated/ is up to date (${files.length} files, ${Math.round(performance.now() - started)} ms)`);
} else {
  for (const path of stale) rmSync(join(generatedDir, path));
  for (const [path, contents] of wanted) {
    const full = join(generatedDir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, contents);
  }
  console.log(`wrote ${files.length} files to generated/ (${differing.length} changed) in ${Math.round(performance.now() - started)} ms`);
}
