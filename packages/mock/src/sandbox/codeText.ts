import type { RandomSource } from './random.js';

// No 0/O, 1/I/L: a code read aloud or typed from a screen should not be ambiguous.
const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const halfBits = 19; // 38 bits fit in 8 characters of 31 (31^8 > 2^38)
const halfMask = (1 << halfBits) - 1;
const rounds = 4;

/**
 * The text of the code with this serial number: a 4-round Feistel permutation of the 38-bit
 * serial, keyed by the seed, written in 8 characters. A permutation never repeats, so codes are
 * unique across the whole sandbox without a lookup table, and still look random.
 */
export function createCodeText(random: RandomSource): (serial: number) => string {
  const key = random.bytes('code-text-key');
  const roundKeys = Array.from({ length: rounds }, (_, i) => key.readUInt32BE(i * 4));
  const mix = (half: number, roundKey: number) => {
    let x = Math.imul(half ^ roundKey, 0x9e3779b1);
    x ^= x >>> 15;
    x = Math.imul(x, 0x85ebca77);
    x ^= x >>> 13;
    return x & halfMask;
  };
  return (serial) => {
    if (!Number.isSafeInteger(serial) || serial < 0 || serial >= 2 ** (2 * halfBits)) throw new RangeError(`code serial ${serial} out of range`);
    let left = Math.floor(serial / 2 ** halfBits);
    let right = serial & halfMask;
    for (const roundKey of roundKeys) [left, right] = [right, left ^ mix(right, roundKey)];
    let value = left * 2 ** halfBits + right;
    let text = '';
    for (let i = 0; i < 8; i++) {
      text = alphabet[value % alphabet.length]! + text;
      value = Math.floor(value / alphabet.length);
    }
    return text;
  };
}
