import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BundledSpec } from '../../../scripts/generate/artifact.ts';
import { repoRoot } from '../../../scripts/lib/run.ts';

/** A fresh parse of the committed bundle for each caller, so a test may change its copy freely. */
export function loadBundle(): BundledSpec {
  return JSON.parse(readFileSync(join(repoRoot, 'generated', 'openapi.json'), 'utf8')) as BundledSpec;
}
