/**
 * The version policy end to end, in a copy of the repository: a breaking spec change with its major
 * raised plus a package changeset, then `pnpm release:version` — versions, changelogs, baseline.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietToolEnv, repoRoot } from '../../scripts/lib/run.ts';
import { dependentsChangeset, packagesInChangeset, prependChangelogSection, setInfoVersion } from '../../scripts/release/versionFiles.ts';

describe('version files', () => {
  const entry = 'openapi: 3.1.0\ninfo:\n  title: Voucher Programs\n  # the API version\n  version: 1.4.2\n  summary: x\nservers: []\n';

  it('setInfoVersion changes only info.version and keeps comments', () => {
    expect(setInfoVersion(entry, '2.0.0')).toBe(entry.replace('version: 1.4.2', 'version: 2.0.0'));
    expect(setInfoVersion(entry.replace('1.4.2', "'1.4.2'"), '1.5.0')).toContain('  version: 1.5.0\n');
  });

  it('setInfoVersion refuses a document without info.version instead of writing nothing', () => {
    expect(() => setInfoVersion('openapi: 3.1.0\ninfo:\n  title: x\npaths: {}\n', '2.0.0')).toThrow('could not find info.version');
  });

  it('reads the packages a changeset names', () => {
    expect(packagesInChangeset('---\n"@voucher-programs/client": minor\n\'@voucher-programs/mock\': patch\n---\n\nText: major\n')).toEqual([
      '@voucher-programs/client',
      '@voucher-programs/mock',
    ]);
    expect(packagesInChangeset('no front matter')).toEqual([]);
  });

  it('releases dependents with the spec’s own bump', () => {
    expect(dependentsChangeset(['@voucher-programs/client'], 'major', '2.0.0')).toMatch(/^---\n"@voucher-programs\/client": major\n---\n\nBuilt on @voucher-programs\/spec 2\.0\.0/);
  });

  it('puts the newest release first under one title', () => {
    const first = prependChangelogSection('', '1.0.0', '2026-01-01', '### Added\n\n- a');
    const second = prependChangelogSection(first, '1.1.0', '2026-02-01', '');
    expect(second).toBe('# @voucher-programs/spec changelog\n\n## 1.1.0 (2026-02-01)\n\nNo change to the API description.\n\n## 1.0.0 (2026-01-01)\n\n### Added\n\n- a\n');
  });
});

describe('pnpm release:version in a copy of the repository', () => {
  // The release under test raises the major of whatever was released last.
  const released = (JSON.parse(readFileSync(join(repoRoot, 'releases/openapi.json'), 'utf8')) as { info: { version: string } }).info.version;
  const next = `${Number(released.split('.')[0]) + 1}.0.0`;
  const escapedNext = next.replaceAll('.', '\\.');
  let copy: string;
  let run: ReturnType<typeof spawnSync>;
  const read = (path: string) => readFileSync(join(copy, path), 'utf8');
  const version = (path: string) => (JSON.parse(read(path)) as { version: string }).version;
  // The copy borrows the installed dependencies through symlinks, so nothing in it may run pnpm
  // (pnpm re-links node_modules before running a script, which would write into the real ones).
  const tsx = (script: string) =>
    spawnSync(join(copy, 'node_modules', '.bin', 'tsx'), [script], { cwd: copy, env: quietToolEnv, encoding: 'utf8', timeout: 90_000 });

  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'voucher-release-'));
    const tracked = spawnSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
    for (const file of tracked) {
      if (!existsSync(join(repoRoot, file))) continue;
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      cpSync(join(repoRoot, file), join(copy, file));
    }
    // Dependencies are not copied: the copy uses the installed ones.
    symlinkSync(join(repoRoot, 'node_modules'), join(copy, 'node_modules'));
    for (const name of ['client', 'mock', 'webhooks']) symlinkSync(join(repoRoot, 'packages', name, 'node_modules'), join(copy, 'packages', name, 'node_modules'));
    for (const file of ['.changeset/config.json']) cpSync(join(repoRoot, file), join(copy, file));

    // A breaking change (a response field removed), with the major raised as CI demands…
    const created = 'spec/components/schemas/VoucherProgramCreated.yaml';
    writeFileSync(join(copy, created), read(created).replace(/\n  code_link:\n(?: {4}.*\n)+/, '\n').replace(/\n {2}code_link: .*/, ''));
    writeFileSync(join(copy, 'spec/openapi.yaml'), setInfoVersion(read('spec/openapi.yaml'), next));
    // …and a package change with its changeset.
    writeFileSync(join(copy, '.changeset/wait-longer.md'), '---\n"@voucher-programs/webhooks": minor\n---\n\nA new option.\n');
    run = tsx('scripts/release/version.ts');
  }, 120_000);
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('finishes', () => {
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
    expect(run.stdout).toContain(`Spec ${released} → ${next}`);
  });

  it('the spec package follows info.version, and the packages built on it take its major', () => {
    expect(version('generated/package.json')).toBe(next);
    const client = version('packages/client/package.json');
    expect(client.split('.')[0]).not.toBe(JSON.parse(readFileSync(join(repoRoot, 'packages/client/package.json'), 'utf8')).version.split('.')[0]);
    expect(version('packages/webhooks/package.json')).toMatch(/^\d+\.0\.0$/);
  });

  it('writes the changelogs: the spec’s from the diff, the packages’ from the changesets', { timeout: 90_000 }, () => {
    expect(read('releases/CHANGELOG.md')).toMatch(new RegExp(`## ${escapedNext} \\(\\d{4}-\\d\\d-\\d\\d\\)\\n\\n### Breaking\\n\\n- POST \\S+ response 200, POST \\S+ response 200: Property \`code_link\` of \`VoucherProgramCreated\` was removed\\.`));
    // The version bump is the heading, not a change: an info line appears in the new section only
    // when the repository itself has an info change pending since the last release (a reworded description).
    const pending = spawnSync(join(repoRoot, 'node_modules', '.bin', 'tsx'), ['scripts/spec-diff.ts'], { cwd: repoRoot, env: quietToolEnv, encoding: 'utf8', timeout: 90_000 });
    expect(read('releases/CHANGELOG.md').split(`## ${released} `)[0]!.includes('- info:')).toBe(pending.stdout.includes('- info:'));
    expect(read('packages/webhooks/CHANGELOG.md')).toContain('A new option.');
    expect(read('packages/client/CHANGELOG.md')).toContain(`Built on @voucher-programs/spec ${next}`);
    expect(existsSync(join(copy, '.changeset/wait-longer.md'))).toBe(false);
  });

  it('makes the new bundle the baseline, so the next diff starts from the new version with nothing pending', () => {
    expect(read('releases/openapi.json')).toBe(read('generated/openapi.json'));
    const diff = tsx('scripts/spec-diff.ts');
    expect(diff.stdout).toContain('No changes since the last release.');
    expect(diff.stdout).toContain(`since ${next}`);
  });

  it('left the real installed dependencies alone', () => {
    const dirs = [join(repoRoot, 'node_modules'), join(repoRoot, 'node_modules', '.pnpm', 'node_modules')];
    const intoCopy = dirs.flatMap((dir) =>
      readdirSync(dir)
        .map((name) => join(dir, name))
        .filter((path) => lstatSync(path).isSymbolicLink() && readlinkSync(path).includes(copy.split('/').at(-1)!)),
    );
    expect(intoCopy).toEqual([]);
  });

  it('refuses a changeset that names the spec package, whose version is info.version', () => {
    writeFileSync(join(copy, '.changeset/bad.md'), '---\n"@voucher-programs/spec": minor\n---\n\nNo.\n');
    const refused = tsx('scripts/release/version.ts');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('bad.md name @voucher-programs/spec');
  });
});
