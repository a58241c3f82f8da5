import { describe, expect, it } from 'vitest';
import { createMemoryEventStore } from '../src/eventStore.js';
import { handleEventOnce } from '../src/handleEventOnce.js';

function manualClock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('createMemoryEventStore', () => {
  it('lets an id be claimed once until it is released', () => {
    const store = createMemoryEventStore();
    expect(store.claim('a')).toBe(true);
    expect(store.claim('a')).toBe(false);
    expect(store.claim('b')).toBe(true);
    store.release('a');
    expect(store.claim('a')).toBe(true);
  });

  it('forgets ids after the expiry, counted from completion', () => {
    const clock = manualClock();
    const store = createMemoryEventStore({ ttlMs: 1000, now: clock.now });
    store.claim('a');
    clock.advance(600);
    store.complete('a');
    clock.advance(600);
    expect(store.claim('a')).toBe(false);
    clock.advance(400);
    expect(store.size).toBe(0);
    expect(store.claim('a')).toBe(true);
  });

  it('keeps at most maxEntries ids, dropping the oldest', () => {
    const store = createMemoryEventStore({ maxEntries: 3 });
    for (const id of ['a', 'b', 'c', 'd']) expect(store.claim(id)).toBe(true);
    expect(store.size).toBe(3);
    expect(store.claim('a')).toBe(true);
    expect(store.claim('d')).toBe(false);
  });

  it('refuses a bound or an expiry that cannot work', () => {
    expect(() => createMemoryEventStore({ maxEntries: 0 })).toThrow(RangeError);
    expect(() => createMemoryEventStore({ maxEntries: 1.5 })).toThrow(RangeError);
    expect(() => createMemoryEventStore({ ttlMs: 0 })).toThrow(RangeError);
    expect(() => createMemoryEventStore({ ttlMs: Number.NaN })).toThrow(RangeError);
  });
});

describe('handleEventOnce', () => {
  it('handles duplicate deliveries once', async () => {
    const store = createMemoryEventStore();
    let calls = 0;
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await handleEventOnce(store, 'evt-1', () => void calls++));
    expect(outcomes).toEqual(['handled', 'duplicate', 'duplicate']);
    expect(calls).toBe(1);
  });

  it('handles deliveries that are in flight at the same time once', async () => {
    const store = createMemoryEventStore();
    let calls = 0;
    const slowHandler = async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    };
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => handleEventOnce(store, 'evt-1', slowHandler)));
    expect(calls).toBe(1);
    expect(outcomes.filter((outcome) => outcome === 'handled')).toHaveLength(1);
  });

  it('leaves a failed event unmarked, so the retry is handled', async () => {
    const store = createMemoryEventStore();
    const failure = new Error('database down');
    await expect(handleEventOnce(store, 'evt-1', () => Promise.reject(failure))).rejects.toBe(failure);
    await expect(handleEventOnce(store, 'evt-1', () => {
      throw failure;
    })).rejects.toBe(failure);
    let handled = false;
    expect(await handleEventOnce(store, 'evt-1', () => void (handled = true))).toBe('handled');
    expect(handled).toBe(true);
    expect(await handleEventOnce(store, 'evt-1', () => undefined)).toBe('duplicate');
  });

  it('works with an asynchronous store, as a shared one would be', async () => {
    const taken = new Set<string>();
    const log: string[] = [];
    const asyncStore = {
      claim: async (id: string) => {
        await Promise.resolve();
        log.push(`claim ${id}`);
        if (taken.has(id)) return false;
        taken.add(id);
        return true;
      },
      complete: async (id: string) => void log.push(`complete ${id}`),
      release: async (id: string) => {
        log.push(`release ${id}`);
        taken.delete(id);
      },
    };
    await expect(handleEventOnce(asyncStore, 'e', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await handleEventOnce(asyncStore, 'e', () => undefined)).toBe('handled');
    expect(await handleEventOnce(asyncStore, 'e', () => undefined)).toBe('duplicate');
    expect(log).toEqual(['claim e', 'release e', 'claim e', 'complete e', 'claim e']);
  });
});
