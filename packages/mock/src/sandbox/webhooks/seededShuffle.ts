import type { RandomSource } from './schedulingClock.js';

/** Fisher–Yates on a copy, drawing from the seeded source, so a seed gives the same order every run. */
export function seededShuffle<T>(items: readonly T[], random: RandomSource): T[] {
  const shuffled = [...items];
  for (let index = shuffled.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [shuffled[index], shuffled[other]] = [shuffled[other]!, shuffled[index]!];
  }
  return shuffled;
}
