import { join } from 'node:path';
import { repoRoot } from '../lib/run.ts';

/** The bundle of the last release: the base every spec change is compared with. Committed, so a fresh clone has it. */
export const releasedBundlePath = join(repoRoot, 'releases', 'openapi.json');
/** The spec's own changelog, written from the diff at each release. */
export const specChangelogPath = join(repoRoot, 'releases', 'CHANGELOG.md');
export const currentBundlePath = join(repoRoot, 'generated', 'openapi.json');
export const specEntryPath = join(repoRoot, 'spec', 'openapi.yaml');
