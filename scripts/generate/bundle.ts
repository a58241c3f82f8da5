import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runBin } from '../lib/run.ts';
import type { BundledSpec, GeneratedFile } from './artifact.ts';

/**
 * Bundles spec/openapi.yaml into one document with Redocly: every external $ref becomes a named
 * component (named after its file), so the types and the docs see the same names as the sources.
 */
export function bundleSpec(source = 'spec/openapi.yaml'): { spec: BundledSpec; files: GeneratedFile[] } {
  const dir = mkdtempSync(join(tmpdir(), 'voucher-spec-'));
  try {
    const out = join(dir, 'openapi.yaml');
    runBin('redocly', ['bundle', source, '--output', out]);
    const yamlText = readFileSync(out, 'utf8');
    const spec = parse(yamlText) as BundledSpec;
    return {
      spec,
      files: [
        { path: 'openapi.yaml', contents: yamlText },
        { path: 'openapi.json', contents: `${JSON.stringify(spec, null, 2)}\n` },
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
