import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../../../scripts/lib/run.ts';

/** Packages the samples import, linked as a reader's install would have them (through their exports map). */
const linkedPackages = ['client', 'webhooks', 'mock'] as const;

/**
 * Type-checks standalone sample files the way a reader's project would: ESM, strict, Node types,
 * `@voucher-programs/*` resolved from node_modules. Returns each file's errors, keyed by file name.
 */
export function typecheckSamples(dir: string, files: Record<string, string>): Record<string, string[]> {
  for (const name of linkedPackages) {
    const types = join(repoRoot, 'packages', name, 'dist', 'index.d.ts');
    if (!existsSync(types)) {
      throw new Error(`packages/${name} is not built (no dist/index.d.ts): run \`pnpm --filter @voucher-programs/${name} build\``);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const scope = join(dir, 'node_modules', '@voucher-programs');
  mkdirSync(scope, { recursive: true });
  for (const name of linkedPackages) symlinkSync(join(repoRoot, 'packages', name), join(scope, name), 'dir');
  const paths = Object.keys(files).map((name) => join(dir, name));
  for (const [name, source] of Object.entries(files)) writeFileSync(join(dir, name), source);

  const program = ts.createProgram(paths, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    moduleDetection: ts.ModuleDetectionKind.Force,
    strict: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [join(repoRoot, 'node_modules', '@types')],
  });
  const errors: Record<string, string[]> = Object.fromEntries(Object.keys(files).map((name) => [name, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const file = diagnostic.file;
    const name = file ? Object.keys(files).find((candidate) => join(dir, candidate) === file.fileName) : undefined;
    if (!file || !name) throw new Error(`a type error outside the samples: ${message}`);
    const { line } = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    errors[name]!.push(`line ${line + 1}: ${message}`);
  }
  return errors;
}
