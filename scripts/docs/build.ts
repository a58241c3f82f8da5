import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BundledSpec } from '../generate/artifact.ts';
import { repoRoot, runBin } from '../lib/run.ts';
import { withCodeSamples } from './code-samples.ts';
import { withoutCdnAssets } from './offline.ts';

export const defaultDocsDir = join(repoRoot, 'generated', 'docs');
const bundledSpecPath = join(repoRoot, 'generated', 'openapi.json');
const docsConfigPath = join(repoRoot, 'scripts', 'docs', 'redocly-docs.yaml');

export interface DocsBuild {
  indexHtmlPath: string;
  bytes: number;
  milliseconds: number;
}

/**
 * Builds the static docs site from generated/openapi.json: code samples are added to a temporary
 * copy of the bundle, Redocly renders one self-contained page, and CDN assets are swapped for inline ones.
 */
export function buildDocsSite(outDir: string = defaultDocsDir): DocsBuild {
  const started = performance.now();
  let spec: BundledSpec;
  try {
    spec = JSON.parse(readFileSync(bundledSpecPath, 'utf8')) as BundledSpec;
  } catch (error) {
    throw new Error(`cannot read the bundled spec at generated/openapi.json (run \`pnpm generate\`): ${(error as Error).message}`);
  }
  const workDir = mkdtempSync(join(tmpdir(), 'voucher-docs-'));
  try {
    const specWithSamples = join(workDir, 'openapi.json');
    const renderedPage = join(workDir, 'index.html');
    writeFileSync(specWithSamples, JSON.stringify(withCodeSamples(spec)));
    runBin('redocly', [
      'build-docs',
      specWithSamples,
      '--output',
      renderedPage,
      '--inlineBundle',
      '--config',
      docsConfigPath,
      '--lint-config',
      'error',
    ]);
    const html = withoutCdnAssets(readFileSync(renderedPage, 'utf8'));
    mkdirSync(outDir, { recursive: true });
    const indexHtmlPath = join(outDir, 'index.html');
    writeFileSync(indexHtmlPath, html);
    return { indexHtmlPath, bytes: statSync(indexHtmlPath).size, milliseconds: Math.round(performance.now() - started) };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
