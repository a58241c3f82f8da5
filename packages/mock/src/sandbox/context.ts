import type { SandboxClock } from './clock.js';
import type { CodeFactory, CodeGeneration } from './codeGeneration.js';
import type { RandomSource } from './random.js';
import type { SandboxState } from './state.js';

/** What every resource module works with: the state, the clock and the seeded randomness. */
export interface EngineContext {
  state: SandboxState;
  clock: SandboxClock;
  random: RandomSource;
  codes: CodeFactory;
  generation: CodeGeneration;
  limits: SandboxLimits;
}

export interface SandboxLimits {
  /** Codes one program may hold, made and being made (our choice; Uber documents only 30,000 a call). */
  maxCodesPerProgram: number;
}

export const defaultLimits: SandboxLimits = { maxCodesPerProgram: 100_000 };

export const dayMs = 24 * 60 * 60 * 1000;
export const yearMs = 365 * dayMs;
