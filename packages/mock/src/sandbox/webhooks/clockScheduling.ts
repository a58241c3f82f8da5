import type { SchedulingClock } from './schedulingClock.js';

/** The sandbox clock as it is: readable, and telling when it is advanced or set. */
export interface ObservableClock {
  readonly mode: 'real' | 'manual';
  now(): number;
  onChange(listener: (now: number) => void): () => void;
}

/** Wall-clock timers, injected so tests can replace them. */
export interface WallTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const nodeTimers: WallTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms).unref(), // a pending retry must not keep the process alive
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

// setTimeout fires at once beyond this; a longer wait is re-armed when the timer fires.
const maxTimerMs = 2 ** 31 - 1;

/**
 * Timers on the sandbox clock: each fires when an advance or set reaches its time, and, for a
 * `real` clock, also when the wall clock gets there. A `manual` clock uses no wall timer at all.
 */
export function schedulingClock(clock: ObservableClock, timers: WallTimers = nodeTimers): SchedulingClock & { close(): void } {
  const entries = new Map<number, { at: number; run: () => void; handle?: unknown }>();
  let lastId = 0;

  function fire(id: number): void {
    const entry = entries.get(id);
    if (!entry) return;
    if (clock.now() < entry.at) return arm(id);
    entries.delete(id);
    entry.run();
  }

  function arm(id: number): void {
    const entry = entries.get(id);
    if (!entry || clock.mode !== 'real') return;
    const wait = Math.min(Math.max(0, entry.at - clock.now()), maxTimerMs);
    entry.handle = timers.setTimeout(() => fire(id), wait);
  }

  const unsubscribe = clock.onChange((now) => {
    const due = [...entries.entries()].filter(([, entry]) => entry.at <= now).sort((a, b) => a[1].at - b[1].at || a[0] - b[0]);
    for (const [id, entry] of due) {
      if (entry.handle !== undefined) timers.clearTimeout(entry.handle);
      fire(id);
    }
  });

  return {
    now: () => clock.now(),
    schedule(at, run) {
      const id = (lastId += 1);
      entries.set(id, { at, run });
      arm(id);
      return () => {
        const entry = entries.get(id);
        if (entry?.handle !== undefined) timers.clearTimeout(entry.handle);
        entries.delete(id);
      };
    },
    close() {
      unsubscribe();
      for (const entry of entries.values()) if (entry.handle !== undefined) timers.clearTimeout(entry.handle);
      entries.clear();
    },
  };
}
