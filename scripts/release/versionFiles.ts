import { parse } from 'yaml';
import type { Impact } from './semver.ts';

/** Rewrites `info.version` in the spec's entry file, touching only that line (comments and layout stay). */
export function setInfoVersion(openapiYaml: string, version: string): string {
  const updated = openapiYaml.replace(/^(info:\n(?:[ \t]+.*\n|\n)*?[ \t]+version:[ \t]*)(['"]?)[^'"\n]*\2[ \t]*$/m, `$1${version}`);
  const parsed = parse(updated) as { info?: { version?: unknown } };
  if (String(parsed.info?.version) !== version) throw new Error('could not find info.version in spec/openapi.yaml to update it');
  return updated;
}

/** Names of packages a changeset bumps, from its front matter (`"@scope/name": minor`). */
export function packagesInChangeset(markdown: string): string[] {
  const frontMatter = /^---\n([\s\S]*?)\n---/.exec(markdown)?.[1] ?? '';
  return [...frontMatter.matchAll(/^\s*["']?([^"':\s]+)["']?\s*:\s*(major|minor|patch)\s*$/gm)].map((m) => m[1]!);
}

/**
 * The changeset that releases the packages built on the spec with it: their types and methods come
 * from the spec, so they take the spec's own bump (a breaking spec is a breaking client).
 */
export function dependentsChangeset(dependents: string[], impact: Impact, specVersion: string): string {
  const lines = dependents.map((name) => `"${name}": ${impact}`);
  return `---\n${lines.join('\n')}\n---\n\nBuilt on @voucher-programs/spec ${specVersion}; see releases/CHANGELOG.md for what changed in the API.\n`;
}

/** A new section on top of the spec's changelog. */
export function prependChangelogSection(changelog: string, version: string, date: string, changes: string): string {
  const title = '# @voucher-programs/spec changelog';
  const body = changelog.startsWith(title) ? changelog.slice(title.length).replace(/^\n+/, '') : changelog;
  return `${title}\n\n## ${version} (${date})\n\n${changes.trim() || 'No change to the API description.'}\n\n${body}`.trimEnd() + '\n';
}
