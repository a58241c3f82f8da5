/**
 * Each publishable package as `pnpm pack` makes it: the right files, installable manifests, and
 * publint and attw clean on the tarball itself. Then the content rules against bad tarballs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/run.ts';
import type { PackedPackage } from '../../scripts/release/pack.ts';
import { checkPackContents } from '../../scripts/release/packContents.ts';
import { attwProblems, publintProblems } from '../../scripts/release/publishChecks.ts';
import { listPublishablePackages, type PackageManifest } from '../../scripts/release/publishable.ts';
import { packAll } from './support/packed.ts';

const expectedNames = ['@voucher-programs/client', '@voucher-programs/mock', '@voucher-programs/spec', '@voucher-programs/webhooks'];
const workspaceVersions = new Map(listPublishablePackages().map(({ manifest }) => [manifest.name, manifest.version]));
let packs: ReturnType<typeof packAll>;
beforeAll(() => {
  packs = packAll();
});
afterAll(() => packs?.remove());

describe('the publishable packages', () => {
  it('are the four partners install', () => {
    expect([...workspaceVersions.keys()].sort()).toEqual(expectedNames);
  });

  it.each(expectedNames)('%s: the tarball holds built code, types, README and LICENSE, and nothing else', (name) => {
    const packed = packs.packed.find((p) => p.name === name)!;
    const problems = checkPackContents(packed.manifest, packed.files, (file) => readFileSync(join(packed.dir, file), 'utf8'));
    expect(problems, packed.files.join('\n')).toEqual([]);
    expect(readFileSync(join(packed.dir, 'LICENSE'), 'utf8')).toBe(readFileSync(join(repoRoot, 'LICENSE'), 'utf8'));
  });

  it.each(expectedNames)('%s: workspace dependencies are pinned to the versions released with it', (name) => {
    const { manifest } = packs.packed.find((p) => p.name === name)!;
    for (const [dependency, range] of Object.entries(manifest.dependencies ?? {})) {
      if (workspaceVersions.has(dependency)) expect(range, dependency).toBe(workspaceVersions.get(dependency));
      else expect(range, dependency).toMatch(/^\d+\.\d+\.\d+$/); // third-party: exact pins, so partners get what we tested
    }
    expect(manifest.license).toBe('Apache-2.0');
    expect(manifest.type).toBe('module');
  });

  it.each(expectedNames)('%s: publint (strict) and attw find nothing in the tarball', async (name) => {
    const packed = packs.packed.find((p) => p.name === name)!;
    expect([...(await publintProblems(packed)), ...attwProblems(packed)]).toEqual([]);
  });
});

describe('the content rules catch a bad tarball', () => {
  const manifest: PackageManifest = {
    name: '@voucher-programs/example',
    version: '1.0.0',
    exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
    bin: { example: './dist/cli.js' },
    dependencies: { '@voucher-programs/spec': 'workspace:*' },
  };
  const good = ['LICENSE', 'README.md', 'dist/cli.d.ts', 'dist/cli.js', 'dist/index.d.ts', 'dist/index.js', 'package.json'];
  const check = (files: string[], text: (file: string) => string = () => 'export {};', m: PackageManifest = { ...manifest, dependencies: {} }) =>
    checkPackContents(m, files, text);

  it('accepts a complete tarball', () => {
    expect(check(good)).toEqual([]);
  });

  it.each([
    ['src/index.ts', /src\/index\.ts must not ship: sources/],
    ['dist/index.test.js', /a test file/],
    ['test/fake-api.js', /sources, tests/],
    ['dist/index.js.map', /source map/],
    ['.env', /local environment file/],
    ['.env.production', /local environment file/],
    ['dist/signing.pem', /key material/],
    ['tsconfig.build.json', /tool config/],
  ])('refuses %s', (extra, why) => {
    expect(check([...good, extra]).join('\n')).toMatch(why);
  });

  it('names every missing file: LICENSE, README, an export or bin target, the types of a module', () => {
    const problems = check(good.filter((f) => !['LICENSE', 'README.md', 'dist/cli.js', 'dist/index.d.ts'].includes(f)));
    expect(problems).toEqual(
      expect.arrayContaining([
        'README.md is missing',
        'LICENSE is missing',
        './dist/index.d.ts is named in exports/bin but not packed (not built?)',
        './dist/cli.js is named in exports/bin but not packed (not built?)',
        'dist/index.js ships without its types (dist/index.d.ts)',
      ]),
    );
  });

  it('finds credentials in shipped text and refuses workspace-only dependency ranges', () => {
    const leaked = (file: string) => (file === 'README.md' ? 'NPM_TOKEN=npm_abcdefghijklmnopqrstuvwxyz0123456789' : '-----BEGIN RSA PRIVATE KEY-----');
    const problems = check(good, leaked, manifest);
    expect(problems).toContain('README.md contains what looks like an npm token');
    expect(problems).toContain('dist/index.js contains what looks like a private key');
    expect(problems).toContain('dependency @voucher-programs/spec@workspace:* cannot be installed outside this repository');
  });
});
