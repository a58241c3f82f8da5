/**
 * `pnpm tarballs [folder]`: packs every package partners install (spec, client, webhooks, mock)
 * into one folder (default `tarballs/`) and prints the one `npm install` line that installs them
 * together outside the workspace. They must go together: each pins the others' exact versions.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from '../lib/run.ts';
import { packTarball } from './pack.ts';
import { listPublishablePackages } from './publishable.ts';

const folder = resolve(process.cwd(), process.argv[2] ?? resolve(repoRoot, 'tarballs'));
mkdirSync(folder, { recursive: true });
/** Dependencies first: each package's prepack builds it, and a build needs the declarations of what it imports. */
function inDependencyOrder<T extends { manifest: { name: string; dependencies?: Record<string, string> } }>(packages: T[]): T[] {
  const ordered: T[] = [];
  const pending = [...packages];
  while (pending.length > 0) {
    const ready = pending.findIndex(({ manifest }) => Object.keys(manifest.dependencies ?? {}).every((name) => !pending.some((other) => other.manifest.name === name)));
    if (ready < 0) throw new Error(`the packages depend on each other in a cycle: ${pending.map((p) => p.manifest.name).join(', ')}`);
    ordered.push(...pending.splice(ready, 1));
  }
  return ordered;
}

const tarballs = inDependencyOrder(listPublishablePackages()).map(({ manifest }) => {
  const tarball = packTarball(manifest.name, folder);
  process.stderr.write(`packed ${manifest.name}@${manifest.version}\n`);
  return tarball;
});
process.stdout.write(`npm install ${tarballs.map((tarball) => (/[\s'"]/.test(tarball) ? JSON.stringify(tarball) : tarball)).join(' ')}\n`);
