import { largestImpact, type SpecDiffReport } from './redoclyDiff.ts';
import { bumpVersion, compareVersions, formatVersion, parseVersion } from './semver.ts';

export interface VersionVerdict {
  ok: boolean;
  /** One line for the log: what changed and whether the version allows it. */
  message: string;
  /** The smallest version the next release may carry (never below the spec's own info.version). */
  nextVersion: string;
}

/**
 * The CI rule: a breaking change (any `major` change) needs `info.version`'s major raised above the
 * last release's; anything else passes. The version may never go down.
 */
export function checkVersionRule(report: SpecDiffReport): VersionVerdict {
  const base = parseVersion(report.infoVersions.base, 'last released info.version');
  const revision = parseVersion(report.infoVersions.revision, 'spec info.version');
  const { major, minor, patch } = report.summary;
  const counts = `${major} breaking, ${minor} additive, ${patch} other change(s) since ${formatVersion(base)}`;
  const impact = largestImpact(report);
  const required = impact === 'none' ? base : bumpVersion(base, impact);
  const next = formatVersion(compareVersions(revision, required) >= 0 ? revision : required);

  if (compareVersions(revision, base) < 0) {
    return { ok: false, nextVersion: next, message: `info.version ${formatVersion(revision)} is lower than the released ${formatVersion(base)}` };
  }
  if (major > 0 && revision.major <= base.major) {
    return {
      ok: false,
      nextVersion: next,
      message: `${counts}: a breaking change needs info.version's major raised (to ${formatVersion(bumpVersion(base, 'major'))}), but it is ${formatVersion(revision)}`,
    };
  }
  return { ok: true, nextVersion: next, message: `${counts}; info.version ${formatVersion(revision)} allows it (next release: ${next})` };
}
