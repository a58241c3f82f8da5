export type ClockMode = 'real' | 'manual';

/** The sandbox's time: every rule that depends on time reads it here, never from Date.now(). */
export interface SandboxClock {
  readonly mode: ClockMode;
  /** Milliseconds since the epoch, as the sandbox sees them. */
  now(): number;
  /** Moves time forward by `ms` (never back) and answers the new time. */
  advance(ms: number): number;
  /** Jumps to `ms`; earlier than now is refused, since the API's history cannot be undone. */
  set(ms: number): number;
  /** Called after every advance or set with the new time; answers a function that unsubscribes. */
  onChange(listener: (now: number) => void): () => void;
}

export interface ClockOptions {
  mode?: ClockMode;
  /** Where a manual clock starts; the wall time by default. */
  startMs?: number;
  /** The wall clock a real clock follows; injected so tests can control it. */
  wallTime?: () => number;
}

/** `manual` never moves on its own; `real` follows the wall clock plus whatever was advanced. */
export function createClock(options: ClockOptions = {}): SandboxClock {
  const mode = options.mode ?? 'real';
  const wallTime = options.wallTime ?? Date.now;
  const listeners = new Set<(now: number) => void>();
  // A real clock is the wall time plus an offset; a manual clock is the offset from zero.
  let offset = mode === 'manual' ? (options.startMs ?? wallTime()) : (options.startMs ?? wallTime()) - wallTime();
  const now = () => (mode === 'manual' ? offset : wallTime() + offset);
  const changed = () => {
    const time = now();
    for (const listener of listeners) listener(time);
    return time;
  };
  return {
    mode,
    now,
    advance(ms) {
      if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`the clock advances by a whole number of milliseconds ≥ 0, not ${ms}`);
      offset += ms;
      return changed();
    },
    set(ms) {
      if (!Number.isSafeInteger(ms)) throw new RangeError(`the clock is set to whole milliseconds since the epoch, not ${ms}`);
      const current = now();
      if (ms < current) throw new RangeError(`the clock cannot go back (now ${current}, asked ${ms})`);
      offset += ms - current;
      return changed();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
