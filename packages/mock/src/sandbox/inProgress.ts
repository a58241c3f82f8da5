import type { EngineContext } from './context.js';
import { ApiFailure } from './failure.js';
import type { ProgramRecord } from './state.js';

/** 409 `code_generation_in_progress` while codes are being made, with a Retry-After for when they will be. */
export function refuseWhileGenerating(context: EngineContext, program: ProgramRecord): void {
  const remainingMs = context.generation.remainingMs(program, context.clock.now());
  if (remainingMs > 0) {
    throw new ApiFailure(409, 'code_generation_in_progress', 'The codes are not ready yet. Please try again later', {
      'Retry-After': String(Math.ceil(remainingMs / 1000)),
    });
  }
}
