import dns from 'node:dns';
import { afterAll } from 'vitest';

/**
 * Set-up file: the judges run other people's tools, so every name they look up must be loopback.
 * A lookup of any other name fails at once (no packet leaves the machine) and fails the file, so
 * a tool that phones home, or a request the converter aimed at Uber's servers, cannot go unseen.
 */
const loopbackNames = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
export const refusedLookups: string[] = [];
const lookup = dns.lookup;

function loopbackOnlyLookup(this: unknown, hostname: string, ...rest: unknown[]): void {
  if (loopbackNames.has(hostname)) return (lookup as (...args: unknown[]) => void).call(this, hostname, ...rest);
  refusedLookups.push(hostname);
  const callback = rest[rest.length - 1] as (error: NodeJS.ErrnoException) => void;
  const error: NodeJS.ErrnoException = Object.assign(new Error(`the judges talk to loopback only: refused to look up ${hostname}`), { code: 'ENOTFOUND', hostname });
  process.nextTick(() => callback(error));
}
dns.lookup = loopbackOnlyLookup as typeof dns.lookup;

afterAll(() => {
  if (refusedLookups.length > 0) throw new Error(`something tried to leave loopback: ${[...new Set(refusedLookups)].join(', ')}`);
});
