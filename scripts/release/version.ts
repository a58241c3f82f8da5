/**
 * `pnpm release:version`: settles every version at once, then writes the changelogs.
 * 1. The spec: `info.version` rises as far as the diff against the last release requires (a breaking
 *    change must already have raised the major: `pnpm spec:diff` fails otherwise), then regenerate.
 * 2. If the spec's version changed, a changeset releases the packages built on it with the same bump.
 * 3. `changeset version` bumps the packages and writes their CHANGELOG.md from the pending changesets.
 * 4. The spec's changelog (releases/CHANGELOG.md) gets the diff; the new bundle becomes the baseline.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { quietToolEnv, repoRoot } from '../lib/run.ts';
import { listPublishablePackages } from './publishable.ts';
import { currentBundlePath, releasedBundlePath, specChangelogPath, specEntryPath } from './paths.ts';
import { diffSpecs } from './redoclyDiff.ts';
import { formatChanges } from './report.ts';
import { impactOfBump, parseVersion } from './semver.ts';
import { checkVersionRule } from './versionRule.ts';
import { dependentsChangeset, packagesInChangeset, prependChangelogSection, setInfoVersion } from './versionFiles.ts';

const specPackage = '@voucher-programs/spec';
const changesetDir = join(repoRoot, '.changeset');

/** Runs a workspace binary directly, not through pnpm, which may re-install before running a script. */
function run(bin: string, args: string[]): void {
  const result = spawnSync(join(repoRoot, 'node_modules', '.bin', bin), args, { cwd: repoRoot, env: quietToolEnv, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${bin} ${args.join(' ')} exited with ${result.status}`);
}

const pending = readdirSync(changesetDir).filter((file) => file.endsWith('.md') && file !== 'README.md');
const naming = pending.filter((file) => packagesInChangeset(readFileSync(join(changesetDir, file), 'utf8')).includes(specPackage));
if (naming.length) {
  console.error(`✘ ${naming.join(', ')} name ${specPackage}: its version is info.version in spec/openapi.yaml; remove it from the changeset.`);
  process.exit(1);
}

run('tsx', ['scripts/generate.ts']);
const report = diffSpecs(releasedBundlePath, currentBundlePath);
const verdict = checkVersionRule(report);
if (!verdict.ok) {
  console.error(`✘ ${verdict.message}`);
  process.exit(1);
}
const released = report.infoVersions.base;
const next = verdict.nextVersion;
if (next !== report.infoVersions.revision) {
  writeFileSync(specEntryPath, setInfoVersion(readFileSync(specEntryPath, 'utf8'), next));
  run('tsx', ['scripts/generate.ts']);
}

const impact = impactOfBump(parseVersion(released, 'released'), parseVersion(next, 'next'));
if (impact !== 'none') {
  const dependents = listPublishablePackages()
    .filter(({ manifest }) => manifest.dependencies?.[specPackage])
    .map(({ manifest }) => manifest.name);
  writeFileSync(join(changesetDir, `spec-${next.replaceAll('.', '-')}.md`), dependentsChangeset(dependents, impact, next));
}
if (impact !== 'none' || pending.length) run('changeset', ['version']);

if (impact !== 'none') {
  const changelog = existsSync(specChangelogPath) ? readFileSync(specChangelogPath, 'utf8') : '';
  const date = new Date().toISOString().slice(0, 10);
  writeFileSync(specChangelogPath, prependChangelogSection(changelog, next, date, formatChanges(report)));
  copyFileSync(currentBundlePath, releasedBundlePath);
}
console.log(impact === 'none' && !pending.length ? 'Nothing to release.' : `Spec ${released} → ${next}. Review the diff, commit, then \`pnpm release:check\` and \`pnpm exec changeset publish\`.`);
