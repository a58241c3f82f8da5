import { httpMethods, unescapePointer } from './jsonPointer.ts';
import type { SpecChange } from './redoclyDiff.ts';

/** Where a change is, in words a partner knows: `POST /v1/…/search request body`, `webhook voucher_program_completed`. */
export function locateChange(pointer: string): string {
  const segments = pointer.replace(/^#\//, '').split('/').map(unescapePointer);
  const [root, name, method, part, code] = segments;
  let where: string;
  if (root === 'paths' && method && httpMethods.has(method)) where = `${method.toUpperCase()} ${name}`;
  else if (root === 'webhooks') where = `webhook ${name}`;
  else if (root === 'paths' && name) return `path ${name}`;
  else return [root, name].filter(Boolean).join(' ');
  // A webhook's request body is what partners read, so call it by what it is to them.
  if (part === 'requestBody') return root === 'webhooks' ? `${where} payload` : `${where} request body`;
  if (part === 'responses' && code) return `${where} response ${code}`;
  if (part === 'parameters') return `${where} parameters`;
  return where;
}

/** One changelog line per change: where, then Redocly's own reason (or what was added/removed). */
export function describeChange(change: SpecChange): string {
  const reasons = change.verdicts.map((v) => v.message);
  const last = unescapePointer(change.path.split('/').at(-1) ?? '');
  // A modified keyword is named by its property (`info: modified `description``), not by the object holding it.
  const fallback = `${change.kind} \`${change.kind === 'modified' && change.property ? change.property : last}\``;
  const where = change.locations?.length ? [...new Set(change.locations.map(locateChange))].join(', ') : locateChange(change.path);
  return `${where}: ${reasons.length ? reasons.join(' ') : fallback}`;
}
