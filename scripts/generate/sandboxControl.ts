import type { GeneratedFile } from './artifact.ts';
import { bundleSpec } from './bundle.ts';
import { emitTypes } from './types.ts';

/**
 * The sandbox control API (spec-sandbox/), bundled and typed like the main spec, under
 * generated/sandbox-control/: the sandbox serves it through Prism from the bundle.
 */
export async function emitSandboxControl(): Promise<GeneratedFile[]> {
  const { spec, files } = bundleSpec('spec-sandbox/openapi.yaml');
  return [...files, ...(await emitTypes(spec))].map((file) => ({ ...file, path: `sandbox-control/${file.path}` }));
}
