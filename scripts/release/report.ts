import { describeChange } from './describeChange.ts';
import type { Impact, SpecChange, SpecDiffReport } from './redoclyDiff.ts';

/** The new info.version is the heading of the release, not one of its changes. */
const isVersionBump = (change: SpecChange) => change.path === '#/info' && change.property === 'version';

const headings: Record<Impact, string> = { major: 'Breaking', minor: 'Added', patch: 'Other' };

/** The changes as Markdown sections, breaking first; empty when nothing changed. */
export function formatChanges(report: SpecDiffReport): string {
  return (['major', 'minor', 'patch'] as const)
    .map((impact) => {
      const lines = report.changes
        .filter((c) => c.impact === impact && !isVersionBump(c)).map((c) => `- ${describeChange(c)}`);
      return lines.length ? `### ${headings[impact]}\n\n${[...new Set(lines)].join('\n')}\n` : '';
    })
    .filter(Boolean)
    .join('\n');
}
