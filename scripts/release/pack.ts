import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { quietToolEnv, repoRoot } from '../lib/run.ts';
import type { PackageManifest } from './publishable.ts';

export interface PackedPackage {
  name: string;
  tarball: string;
  /** The tarball unpacked: `<dir>/package.json`, … */
  dir: string;
  /** Paths inside the package, `/`-separated, sorted. */
  files: string[];
  /** The manifest as published (pnpm rewrites `workspace:*`). */
  manifest: PackageManifest;
}

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, env: quietToolEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

function walk(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name), root) : [relative(root, join(dir, entry.name)).split('\\').join('/')],
  );
}

/** `pnpm pack` (what `pnpm publish` uploads) into `destination`; returns the tarball's path. */
export function packTarball(name: string, destination: string): string {
  mkdirSync(destination, { recursive: true });
  const output = run('pnpm', ['--filter', name, 'pack', '--pack-destination', destination, '--json'], repoRoot);
  // prepack's own output (the build) comes first; pnpm's JSON report is the last thing printed.
  return (JSON.parse(output.slice(output.lastIndexOf('\n{') + 1)) as { filename: string }).filename;
}

/** The tarball `pnpm pack` makes, unpacked to look inside. */
export function packPackage(name: string, destination: string): PackedPackage {
  const filename = packTarball(name, destination);
  const dir = mkdtempSync(join(destination, 'unpacked-'));
  run('tar', ['-xzf', filename, '-C', dir], destination);
  const packageDir = join(dir, 'package');
  return {
    name,
    tarball: filename,
    dir: packageDir,
    files: walk(packageDir).sort(),
    manifest: JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as PackageManifest,
  };
}

/** A scratch directory outside the repository, removed by `remove()`. */
export function createPackDirectory(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'voucher-pack-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
