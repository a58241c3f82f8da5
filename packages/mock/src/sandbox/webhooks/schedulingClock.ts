/**
 * The sandbox clock as the outbox needs it: the time, and a way to run something when the clock
 * reaches a moment. A manual clock fires timers when it is advanced; a real one as time passes.
 */
export interface SchedulingClock {
  /** Milliseconds since the epoch, on the sandbox clock. */
  now(): number;
  /** Runs `run` once the clock reaches `atMs`; the returned function cancels it. */
  schedule(atMs: number, run: () => void): () => void;
}

/** A seeded source of numbers in [0, 1), so shuffled orders repeat with the seed. */
export type RandomSource = () => number;
