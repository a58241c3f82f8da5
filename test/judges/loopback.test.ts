import { afterEach, describe, expect, it } from 'vitest';
import { refusedLookups } from './support/loopbackOnly.ts';

describe('the judges stay on loopback', () => {
  afterEach(() => {
    refusedLookups.length = 0; // this file's own refusals are on purpose
  });

  it('a lookup of any other name is refused before a packet leaves', async () => {
    const error = await fetch('http://sandbox-api.uber.com/v1/sandbox/run/1').then(() => undefined, (reason: unknown) => reason);
    expect(String((error as { cause?: unknown }).cause)).toMatch(/loopback only: refused to look up sandbox-api\.uber\.com/);
    expect(refusedLookups).toEqual(['sandbox-api.uber.com']);
  });
});
