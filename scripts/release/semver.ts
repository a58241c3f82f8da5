import type { Impact } from './redoclyDiff.ts';

export type { Impact };

export interface Semver {
  major: number;
  minor: number;
  patch: number;
}

/** Parses `MAJOR.MINOR.PATCH` (no pre-release tags: we never publish them); throws on anything else. */
export function parseVersion(version: string, where: string): Semver {
  const match = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.exec(version);
  if (!match) throw new Error(`${where}: "${version}" is not a MAJOR.MINOR.PATCH version`);
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

export function formatVersion(v: Semver): string {
  return `${v.major}.${v.minor}.${v.patch}`;
}

export function compareVersions(a: Semver, b: Semver): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export function bumpVersion(v: Semver, impact: Impact): Semver {
  if (impact === 'major') return { major: v.major + 1, minor: 0, patch: 0 };
  if (impact === 'minor') return { major: v.major, minor: v.minor + 1, patch: 0 };
  return { ...v, patch: v.patch + 1 };
}

/** The impact a move from `from` to `to` announces, or `none` when the version did not rise. */
export function impactOfBump(from: Semver, to: Semver): Impact | 'none' {
  if (compareVersions(to, from) <= 0) return 'none';
  if (to.major > from.major) return 'major';
  if (to.minor > from.minor) return 'minor';
  return 'patch';
}
