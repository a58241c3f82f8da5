/**
 * `pnpm release:check`: what must hold before `changeset publish`. For every publishable package:
 * pack it, check what the tarball holds, run publint (strict) and attw on the tarball; then the
 * spec rule of `pnpm spec:diff`. Exits 1 and lists every problem.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPackDirectory, packPackage } from './pack.ts';
import { checkPackContents } from './packContents.ts';
import { currentBundlePath, releasedBundlePath } from './paths.ts';
import { attwProblems, publintProblems } from './publishChecks.ts';
import { listPublishablePackages } from './publishable.ts';
import { diffSpecs } from './redoclyDiff.ts';
import { checkVersionRule } from './versionRule.ts';

const scratch = createPackDirectory();
let failures = 0;
try {
  for (const { manifest } of listPublishablePackages()) {
    const packed = packPackage(manifest.name, scratch.dir);
    const problems = [
      ...checkPackContents(packed.manifest, packed.files, (file) => readFileSync(join(packed.dir, file), 'utf8')),
      ...(await publintProblems(packed)),
      ...attwProblems(packed),
    ];
    failures += problems.length;
    console.log(`${problems.length ? '✘' : '✔'} ${manifest.name}@${manifest.version}: ${packed.files.length} files`);
    for (const problem of problems) console.log(`    ${problem}`);
  }
  const verdict = checkVersionRule(diffSpecs(releasedBundlePath, currentBundlePath));
  if (!verdict.ok) failures++;
  console.log(`${verdict.ok ? '✔' : '✘'} spec: ${verdict.message}`);
} finally {
  scratch.remove();
}
process.exitCode = failures ? 1 : 0;
