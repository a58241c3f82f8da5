import type { RandomSource } from './random.js';
import type { CodeRecord, GenerationJob, ProgramRecord } from './state.js';

/** How long codes take on the sandbox clock: `baseMs + perCodeMs × count` (our choice; Uber documents none). */
export interface CodeGenerationTiming {
  baseMs: number;
  perCodeMs: number;
}

export const defaultCodeGenerationTiming: CodeGenerationTiming = { baseMs: 2_000, perCodeMs: 0.5 };

// Codes are built in slices of at most 5 ms, far below the 50 ms the event loop may stall, so
// requests are answered while 30,000 codes are being made.
const sliceMs = 5;
const codesBetweenChecks = 50;

export interface CodeFactory {
  /** The code with this serial number: the same id and text for the same seed, on every run. */
  code(serial: number, maxRedemptions: number): CodeRecord;
}

export function createCodeFactory(random: RandomSource, codeText: (serial: number) => string): CodeFactory {
  return {
    code: (serial, maxRedemptions) => ({
      id: random.uuid(`code:${serial}`),
      text: codeText(serial),
      maxRedemptions,
      usageCount: 0,
      usageAmount: 0,
      claimed: false,
      canceledAt: null,
    }),
  };
}

export function generationDuration(count: number, timing: CodeGenerationTiming): number {
  return Math.ceil(timing.baseMs + timing.perCodeMs * count);
}

/**
 * Codes are made in the background: the ids are decided when the job starts (serials), the
 * records are built in slices between other work, and they become visible when the sandbox clock
 * reaches the job's `readyAt`. A slow build never changes the outcome, only when the work is done.
 */
export class CodeGeneration {
  readonly #factory: CodeFactory;
  readonly #timing: CodeGenerationTiming;
  /** Records built ahead of time, by job; never serialised (they can always be rebuilt). */
  readonly #built = new WeakMap<GenerationJob, CodeRecord[]>();
  readonly #queue: GenerationJob[] = [];
  #scheduled: NodeJS.Immediate | undefined;
  #stopped = false;

  constructor(factory: CodeFactory, timing: CodeGenerationTiming) {
    this.#factory = factory;
    this.#timing = timing;
  }

  /** Starts a job after any the program already has (one generator per program, first come first served). */
  start(program: ProgramRecord, firstSerial: number, count: number, now: number): GenerationJob {
    const after = program.jobs.reduce((latest, job) => Math.max(latest, job.readyAt), now);
    const job: GenerationJob = { firstSerial, count, readyAt: after + generationDuration(count, this.#timing) };
    program.jobs.push(job);
    this.prepare(job);
    return job;
  }

  /** Queues a job's records to be built in slices (also for jobs loaded from a state file). */
  prepare(job: GenerationJob): void {
    if (this.#stopped) return;
    this.#queue.push(job);
    this.#scheduled ??= setImmediate(() => this.#buildSlice());
  }

  /** Moves the codes of every job that is due into the program; pending jobs stay. */
  settle(program: ProgramRecord, now: number): void {
    while (program.jobs.length > 0 && program.jobs[0]!.readyAt <= now) {
      const job = program.jobs.shift()!;
      const built = this.#built.get(job) ?? [];
      // If the clock jumped ahead of the background build, finish the rest now: same codes either way.
      for (let serial = job.firstSerial + built.length; serial < job.firstSerial + job.count; serial++) {
        built.push(this.#factory.code(serial, 1));
      }
      this.#built.delete(job);
      const queued = this.#queue.indexOf(job);
      if (queued >= 0) this.#queue.splice(queued, 1);
      for (const code of built) program.codes.push(code);
    }
  }

  /** Milliseconds until the program's codes are all made on the sandbox clock, or 0. */
  remainingMs(program: ProgramRecord, now: number): number {
    const last = program.jobs.at(-1);
    return last ? Math.max(0, last.readyAt - now) : 0;
  }

  /** Pending codes (not yet visible) of the program. */
  pendingCount(program: ProgramRecord): number {
    return program.jobs.reduce((sum, job) => sum + job.count, 0);
  }

  stop(): void {
    this.#stopped = true;
    if (this.#scheduled) clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    this.#queue.length = 0;
  }

  #buildSlice(): void {
    this.#scheduled = undefined;
    const until = performance.now() + sliceMs;
    // Checked every few codes: a slice ends once its time is up, however slow the machine is.
    while (this.#queue.length > 0 && performance.now() < until) {
      const job = this.#queue[0]!;
      let built = this.#built.get(job);
      if (!built) this.#built.set(job, (built = []));
      const end = Math.min(job.count, built.length + codesBetweenChecks);
      for (let i = built.length; i < end; i++) built.push(this.#factory.code(job.firstSerial + i, 1));
      if (built.length >= job.count) this.#queue.shift();
    }
    if (this.#queue.length > 0 && !this.#stopped) this.#scheduled = setImmediate(() => this.#buildSlice());
  }
}
