import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { runBin } from '../lib/run.ts';
import type { PackedPackage } from './pack.ts';

/**
 * Subpaths attw cannot judge because they are not modules: the YAML bundle is exported for tools
 * that take a file path (Prism, Redocly), never imported.
 */
const notModules: Record<string, string[]> = { '@voucher-programs/spec': ['./openapi.yaml'] };

/** publint in strict mode over exactly the files in the tarball; one line per message. */
export async function publintProblems(packed: PackedPackage): Promise<string[]> {
  const { messages, pkg } = await publint({ pkgDir: packed.dir, pack: false, strict: true, level: 'suggestion' });
  return messages.map((message) => `publint ${message.type}: ${formatMessage(message, pkg) ?? message.code}`);
}

/** Are the Types Wrong, on the tarball itself, for ESM consumers (node16 and bundlers). */
export function attwProblems(packed: PackedPackage): string[] {
  const excluded = notModules[packed.name] ?? [];
  try {
    runBin('attw', [packed.tarball, '--profile', 'esm-only', '--format', 'ascii', ...(excluded.length ? ['--exclude-entrypoints', ...excluded] : [])]);
    return [];
  } catch (error) {
    return [`attw: ${(error as Error).message}`];
  }
}
