import { relative } from 'node:path';
import { repoRoot } from '../lib/run.ts';
import { parseReport, runTool } from './exec.ts';
import type { Finding, LintReport, Severity } from './findings.ts';
import type { LintTarget } from './targets.ts';

interface SpectralResult {
  code: string | number;
  message: string;
  severity: 0 | 1 | 2 | 3;
  source?: string;
  range: { start: { line: number; character: number } };
}

const severities: Severity[] = ['error', 'warning', 'info', 'hint'];
/** Reads `$ref`ed Markdown as text; see the file for why. */
const spectralResolver = `${repoRoot}spec/rules/resolver.cjs`;

/**
 * Lints documents with one Spectral process (loading a ruleset costs most of a run, so many
 * documents share one load) and returns the findings keyed by each document's path as given.
 */
export async function runSpectral(ruleset: string, files: string[]): Promise<{ findings: Map<string, Finding[]>; ms: number }> {
  const run = await runTool('spectral', ['lint', '--ruleset', ruleset, '--resolver', spectralResolver, '--format', 'json', '--quiet', ...files]);
  const results = parseReport<SpectralResult[]>('spectral', run);
  const findings = new Map<string, Finding[]>(files.map((file) => [file, []]));
  for (const result of results) {
    const source = relative(repoRoot, result.source ?? '');
    const owner = files.find((file) => source === relative(repoRoot, file)) ?? ownerOf(source, files);
    findings.get(owner)?.push({
      severity: severities[result.severity] ?? 'error',
      code: String(result.code),
      message: result.message,
      location: `${source}:${result.range.start.line + 1}:${result.range.start.character + 1}`,
    });
  }
  return { findings, ms: run.ms };
}

/** A finding in a file a document refers to belongs to the document whose folder holds that file. */
function ownerOf(source: string, files: string[]): string {
  const byDepth = [...files].sort((a, b) => b.length - a.length);
  return byDepth.find((file) => source.startsWith(relative(repoRoot, file).replace(/[^/]*$/, ''))) ?? files[0]!;
}

export async function lintWithSpectral(target: LintTarget): Promise<LintReport> {
  const { findings, ms } = await runSpectral(target.spectralRuleset, [target.file]);
  return { linter: 'spectral', target: target.name, findings: findings.get(target.file) ?? [], ms };
}
