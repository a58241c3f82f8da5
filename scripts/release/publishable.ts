import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../lib/run.ts';

export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  files?: string[];
  exports?: unknown;
  bin?: string | Record<string, string>;
  dependencies?: Record<string, string>;
  [key: string]: unknown;
}

export interface PublishablePackage {
  dir: string;
  manifest: PackageManifest;
}

/** Every package partners install: the spec package in generated/ and each non-private package under packages/. */
export function listPublishablePackages(): PublishablePackage[] {
  const dirs = [join(repoRoot, 'generated'), ...readdirSync(join(repoRoot, 'packages')).map((name) => join(repoRoot, 'packages', name))];
  return dirs
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageManifest }))
    .filter(({ manifest }) => !manifest.private);
}
