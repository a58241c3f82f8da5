import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, test } from 'vitest';
import { createClock } from '../../src/sandbox/clock.js';
import { CodeGeneration, createCodeFactory } from '../../src/sandbox/codeGeneration.js';
import { createCodeText } from '../../src/sandbox/codeText.js';
import { createRandomSource } from '../../src/sandbox/random.js';
import { deserializeSandbox, SandboxStateError, serializeSandbox } from '../../src/sandbox/stateFile.js';
import { emptyState, type ProgramRecord } from '../../src/sandbox/state.js';

const program = (): ProgramRecord => ({
  id: 'p',
  organizationId: 'o',
  createdAt: 0,
  canceledAt: null,
  settings: { name: 'n', currency_code: 'USD', code_scheme: 'MULTI_CODE_SINGLE_REDEEM', voucher_type: 'EATS', starts_at: 0, ends_at: 1, number_of_codes: 1, value_per_trip_max_amount: 1 },
  codes: [],
  jobs: [],
  guests: [],
  nextCodeIndex: 0,
});

function generation(seed: string) {
  const random = createRandomSource(seed);
  return new CodeGeneration(createCodeFactory(random, createCodeText(random)), { baseMs: 1_000, perCodeMs: 1 });
}

describe('code generation', () => {
  test('codes built in the background are the codes a clock jump builds at once', async () => {
    const background = generation('same');
    const atOnce = generation('same');
    const [slow, fast] = [program(), program()];
    background.start(slow, 0, 5_000, 0);
    atOnce.start(fast, 0, 5_000, 0);
    for (let turn = 0; turn < 10_000 && background.pendingCount(slow) > 0; turn++) {
      await nextTurn();
      background.settle(slow, 6_000);
    }
    atOnce.settle(fast, 6_000);
    expect(slow.codes).toHaveLength(5_000);
    expect(slow.codes).toEqual(fast.codes);
    background.stop();
    atOnce.stop();
  });

  test('a job waits for the one before it, and the time grows with the count', () => {
    const codes = generation('queue');
    const target = program();
    expect(codes.start(target, 0, 1_000, 10).readyAt).toBe(10 + 2_000);
    expect(codes.start(target, 1_000, 10, 500).readyAt).toBe(2_010 + 1_010);
    codes.settle(target, 2_010);
    expect([target.codes.length, codes.pendingCount(target), codes.remainingMs(target, 2_010)]).toEqual([1_000, 10, 1_010]);
    codes.stop();
  });

  test('code texts never repeat: the serial goes through a permutation', () => {
    const text = createCodeText(createRandomSource('unique'));
    const seen = new Set<string>();
    for (let serial = 0; serial < 100_000; serial++) seen.add(text(serial));
    expect(seen.size).toBe(100_000);
    expect([...seen].every((code) => /^[2-9A-HJ-NP-Z]{8}$/.test(code))).toBe(true);
  });
});

describe('state files', () => {
  test('a state survives serialisation, pending jobs included', () => {
    const state = emptyState();
    const record = program();
    record.jobs.push({ firstSerial: 3, count: 7, readyAt: 99 });
    state.organizations.set('o', { programs: new Map([['p', record]]), templates: new Map() });
    state.redemptions.set('code', new Map([['rider@example.com', 'voucher']]));
    state.serials.code = 10;
    const restored = deserializeSandbox(serializeSandbox({ seed: 's', savedAt: 42, state }));
    expect(restored).toEqual({ seed: 's', savedAt: 42, state });
  });

  test('anything else is refused with a reason', () => {
    expect(() => deserializeSandbox('{', 'x.json')).toThrow(SandboxStateError);
    expect(() => deserializeSandbox('{"format":"voucher-programs-sandbox-state","version":9}', 'x.json')).toThrow(/version 9/);
  });

  test('a real clock follows the wall clock, plus every advance', () => {
    let wall = 10_000;
    const clock = createClock({ mode: 'real', wallTime: () => wall });
    expect(clock.now()).toBe(10_000);
    wall += 250;
    expect(clock.now()).toBe(10_250);
    expect(clock.advance(1_000)).toBe(11_250);
    wall += 50;
    expect(clock.now()).toBe(11_300);
    expect(() => clock.set(11_299)).toThrow(RangeError);
  });

  test('a manual clock moves only when told and never back', () => {
    const clock = createClock({ mode: 'manual', startMs: 1_000 });
    const seen: number[] = [];
    clock.onChange((now) => seen.push(now));
    expect([clock.advance(500), clock.set(2_000), clock.now()]).toEqual([1_500, 2_000, 2_000]);
    expect(() => clock.set(1_999)).toThrow(RangeError);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(seen).toEqual([1_500, 2_000]);
  });
});
