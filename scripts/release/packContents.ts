import type { PackageManifest } from './publishable.ts';

/** Files that must never ship: sources, tests, tool configs, local env and key material. */
const forbidden: { pattern: RegExp; why: string }[] = [
  { pattern: /(^|\/)(src|test|tests|__tests__|bench)\//, why: 'sources, tests and benchmarks stay in the repository' },
  { pattern: /\.(test|spec)\.[cm]?[jt]sx?$/, why: 'a test file' },
  { pattern: /(?<!\.d)\.[cm]?tsx?$/, why: 'TypeScript source (only built .js and .d.ts ship)' },
  { pattern: /\.map$/, why: 'a source map pointing at sources that do not ship' },
  { pattern: /(^|\/)(tsconfig[^/]*\.json|vitest\.config\.[^/]+|\.npmrc|\.gitignore)$/, why: 'a build or tool config' },
  { pattern: /(^|\/)\.env(\.|$)/, why: 'a local environment file' },
  { pattern: /\.(pem|key|p12|pfx|crt)$|(^|\/)id_(rsa|ed25519|ecdsa)/, why: 'key material' },
];

/** Text that looks like a credential; an example token in docs must not look like a real one. */
const secretPatterns: { pattern: RegExp; what: string }[] = [
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: 'a private key' },
  { pattern: /\bnpm_[A-Za-z0-9]{36}\b/, what: 'an npm token' },
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/, what: 'a GitHub token' },
  { pattern: /\bAKIA[0-9A-Z]{16}\b/, what: 'an AWS access key' },
  { pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/, what: 'a Slack token' },
  { pattern: /\/\/[^/\s]+\/:_authToken=/, what: 'a registry auth token' },
];

function exportTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(exportTargets);
  return [];
}

/**
 * What a partner gets must be complete (built code with types, README, LICENSE, every export and
 * bin target) and nothing else: returns one line per problem, empty when the tarball is right.
 */
export function checkPackContents(manifest: PackageManifest, files: string[], readText: (path: string) => string): string[] {
  const problems: string[] = [];
  const shipped = new Set(files);
  for (const required of ['package.json', 'README.md', 'LICENSE']) {
    if (!shipped.has(required)) problems.push(`${required} is missing`);
  }
  const bins = typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {});
  for (const target of [...exportTargets(manifest.exports), ...bins]) {
    const path = target.replace(/^\.\//, '');
    if (!shipped.has(path)) problems.push(`${target} is named in exports/bin but not packed (not built?)`);
  }
  for (const file of files.filter((f) => f.endsWith('.js'))) {
    if (!shipped.has(file.replace(/\.js$/, '.d.ts'))) problems.push(`${file} ships without its types (${file.replace(/\.js$/, '.d.ts')})`);
  }
  for (const file of files) {
    const rule = forbidden.find(({ pattern }) => pattern.test(file));
    if (rule) problems.push(`${file} must not ship: ${rule.why}`);
  }
  for (const file of files.filter((f) => /\.(js|json|md|ya?ml|txt|d\.ts)$/.test(f) || !f.includes('.'))) {
    const text = readText(file);
    for (const { pattern, what } of secretPatterns) {
      if (pattern.test(text)) problems.push(`${file} contains what looks like ${what}`);
    }
  }
  for (const [dependency, range] of Object.entries(manifest.dependencies ?? {})) {
    if (/^(workspace|file|link):/.test(range)) problems.push(`dependency ${dependency}@${range} cannot be installed outside this repository`);
  }
  return problems;
}
