import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type ParsedCommandLine<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;

/** Edit distance, for suggesting the flag a typo was meant to be. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = current;
  }
  return previous[b.length]!;
}

/** The known flag closest to `given`, if it is close enough to be a typo of it. */
export function nearestFlag(given: string, known: readonly string[]): string | undefined {
  const name = given.replace(/^-+/, '').split('=')[0]!;
  let best: { flag: string; cost: number } | undefined;
  for (const flag of known) {
    const cost = flag.startsWith(name) && name.length >= 2 ? 0 : distance(name, flag);
    if (!best || cost < best.cost) best = { flag, cost };
  }
  return best && best.cost <= Math.max(2, Math.floor(best.flag.length / 3)) ? `--${best.flag}` : undefined;
}

/**
 * parseArgs with its mistakes as one-line usage errors: Node's own text for an unknown option is
 * three lines about positionals; a partner needs the flag they meant.
 */
export function parseCommandLine<T extends Options>(args: string[], options: T): ParsedCommandLine<T> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const known = [...Object.keys(options), 'help'];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const given = /'([^']+)'/.exec(message)?.[1] ?? '';
      const suggestion = nearestFlag(given, known);
      throw new UsageError(`unknown option ${given}${suggestion ? `; did you mean ${suggestion}?` : ''}`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const flag = /--([\w-]+)/.exec(message)?.[1];
      throw new UsageError(flag ? `--${flag} needs a value` : message.split('\n')[0]!);
    }
    throw error;
  }
}
