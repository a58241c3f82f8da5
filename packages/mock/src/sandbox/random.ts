import { createHash, randomUUID } from 'node:crypto';

/**
 * The sandbox's only source of randomness: SHA-256 over the seed and a label, so the same seed
 * gives the same ids on every run, and a value depends only on its label (what it is and its
 * serial number), never on the order in which values were asked for.
 */
export interface RandomSource {
  readonly seed: string;
  /** 32 pseudo-random bytes for this label. */
  bytes(label: string): Buffer;
  /** A version-4-shaped UUID for this label. */
  uuid(label: string): string;
}

export function createRandomSource(seed: string = randomUUID()): RandomSource {
  const bytes = (label: string) => createHash('sha256').update(seed).update('\0').update(label).digest();
  return {
    seed,
    bytes,
    uuid(label) {
      const b = bytes(label);
      b[6] = (b[6]! & 0x0f) | 0x40;
      b[8] = (b[8]! & 0x3f) | 0x80;
      const hex = b.toString('hex', 0, 16);
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
    },
  };
}
