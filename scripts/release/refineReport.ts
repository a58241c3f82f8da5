/**
 * What `redocly diff` rates wrongly or says poorly, corrected over the two bundles it compared:
 * a stricter `dependentRequired` in a request (or a looser one in what partners read) is breaking,
 * root keywords and tags read by name instead of by JSON pointer, and a change to a shared component
 * names every operation that uses it.
 */
import { walkPointer, type Doc } from './jsonPointer.ts';
import type { SpecChange, SpecDiffReport } from './redoclyDiff.ts';
import { sharedLocations } from './sharedComponents.ts';

/** The value at a pointer as Redocly writes it: through every $ref on the way, like a caller sees it. */
const resolve = (doc: Doc, pointer: string) => walkPointer(doc, pointer).value;

/** A request (or a parameter) is broken by more rules; a response or webhook payload by fewer. */
function readByServer(pointer: string): boolean {
  return pointer.startsWith('#/paths/') && /\/(requestBody|parameters)\//.test(pointer);
}

type DependentRequired = Record<string, string[]>;

/** `key → field` pairs in `from` that `to` lacks. */
function pairsMissing(from: DependentRequired, to: DependentRequired, verb: string): string[] {
  return Object.entries(from).flatMap(([key, fields]) =>
    fields.filter((field) => !(to[key] ?? []).includes(field)).map((field) => `\`${field}\` when \`${key}\` is ${verb}`));
}

function rateDependentRequired(change: SpecChange, base: Doc, revision: Doc): SpecChange {
  const before = (resolve(base, change.path) ?? {}) as DependentRequired;
  const after = (resolve(revision, change.path) ?? {}) as DependentRequired;
  const request = readByServer(change.path);
  const breaking = request ? pairsMissing(after, before, 'sent') : pairsMissing(before, after, 'present');
  if (!breaking.length) return change;
  const message = request ? `now requires ${breaking.join(', ')}.` : `no longer guarantees ${breaking.join(', ')}.`;
  return { ...change, impact: 'major', verdicts: [{ ruleId: 'dependent-required-changed', impact: 'major', message }] };
}

const tagName = (doc: Doc, index: string) => ((doc.tags as { name?: string }[] | undefined)?.[Number(index)])?.name ?? index;

/** Redocly names a root keyword's change `#/` with the keyword as property, and tags by index. */
function describeByName(change: SpecChange, base: Doc, revision: Doc): SpecChange {
  if (change.path === '#/' && change.property) {
    const value = revision[change.property];
    const message = value === undefined ? 'removed.' : `set to \`${typeof value === 'string' ? value : JSON.stringify(value)}\`.`;
    return { ...change, path: `#/${change.property}`, verdicts: [{ ruleId: 'root-keyword-changed', impact: change.impact, message }] };
  }
  const tag = /^#\/tags\/(\d+)$/.exec(change.path)?.[1];
  if (tag !== undefined) {
    const name = tagName(change.kind === 'removed' ? base : revision, tag);
    return { ...change, path: '#/tags', verdicts: [{ ruleId: 'tag-changed', impact: change.impact, message: `${change.kind} \`${name}\`.` }] };
  }
  return change;
}


/** A tag whose text changed comes as removed plus added under one name: one `modified` line says it. */
function mergeTagEdits(changes: SpecChange[]): SpecChange[] {
  const tagName = (c: SpecChange) => (c.path === '#/tags' && c.verdicts[0]?.ruleId === 'tag-changed' ? /`(.*)`/.exec(c.verdicts[0].message)?.[1] : undefined);
  const removed = new Set(changes.filter((c) => c.kind === 'removed').map(tagName).filter(Boolean));
  const edited = new Set(changes.filter((c) => c.kind === 'added').map(tagName).filter((name) => name && removed.has(name)));
  return changes.flatMap((c) => {
    const name = tagName(c);
    if (!name || !edited.has(name)) return [c];
    if (c.kind === 'added') return [];
    return [{ ...c, kind: 'modified' as const, impact: 'patch' as const, verdicts: [{ ruleId: 'tag-changed', impact: 'patch' as const, message: `modified \`${name}\`.` }] }];
  });
}

function summarize(changes: SpecChange[]): SpecDiffReport['summary'] {
  const summary = { major: 0, minor: 0, patch: 0 };
  for (const change of changes) summary[change.impact]++;
  return summary;
}

export function refineReport(report: SpecDiffReport, base: Doc, revision: Doc): SpecDiffReport {
  const changes = mergeTagEdits(report.changes.map((change) =>
    change.path.endsWith('/dependentRequired') ? rateDependentRequired(change, base, revision) : describeByName(change, base, revision)));
  for (const change of changes) {
    const locations = sharedLocations(change.kind === 'removed' ? base : revision, change.path);
    if (locations.length > 1) change.locations = locations;
  }
  // Redocly's counts are one per change, so counting the corrected changes keeps them in step.
  return { ...report, changes, summary: summarize(changes) };
}
