/**
 * A small reference model of the API's rules, written apart from the engine: the model-based test
 * runs the same commands against both and compares every answer.
 */
export type Status = 'UPCOMING' | 'ACTIVE' | 'COMPLETE' | 'CANCELED';

export interface ModelCode {
  claimed: boolean;
  canceled: boolean;
}

export interface ModelProgram {
  id: string;
  single: boolean;
  startsAt: number;
  endsAt: number;
  canceled: boolean;
  codes: ModelCode[];
  /** Codes being made: each batch is visible from readyAt on. */
  batches: { count: number; readyAt: number }[];
  guests: string[];
  nextFree: number;
}

export interface Model {
  now: number;
  programs: ModelProgram[];
  timing: { baseMs: number; perCodeMs: number };
  cap: number;
}

const dayMs = 24 * 60 * 60 * 1000;
const yearMs = 365 * dayMs;

export function status(program: ModelProgram, now: number): Status {
  if (program.canceled) return 'CANCELED';
  return now < program.startsAt ? 'UPCOMING' : now < program.endsAt ? 'ACTIVE' : 'COMPLETE';
}

/** Moves batches that are due into the codes, as time passes. */
export function settle(program: ModelProgram, now: number): void {
  while (program.batches.length > 0 && program.batches[0]!.readyAt <= now) {
    const batch = program.batches.shift()!;
    for (let i = 0; i < batch.count; i++) program.codes.push({ claimed: false, canceled: false });
  }
}

export function generating(program: ModelProgram, now: number): boolean {
  settle(program, now);
  return program.batches.length > 0;
}

export function queueBatch(model: Model, program: ModelProgram, count: number): void {
  const after = Math.max(model.now, ...program.batches.map((batch) => batch.readyAt));
  program.batches.push({ count, readyAt: after + Math.ceil(model.timing.baseMs + model.timing.perCodeMs * count) });
}

export function heldCodes(program: ModelProgram): number {
  return program.codes.length + program.batches.reduce((sum, batch) => sum + batch.count, 0);
}

export function windowValid(startsAt: number, endsAt: number, now: number, startChanged = true): boolean {
  if (endsAt <= startsAt) return false;
  if (startChanged && (startsAt < now - dayMs || startsAt > now + yearMs)) return false;
  return endsAt <= now + yearMs;
}

export function closed(program: ModelProgram, now: number): boolean {
  const current = status(program, now);
  return current === 'CANCELED' || current === 'COMPLETE';
}
