import { describe, expect, it } from 'vitest';
import { coveredAmount, tripFare } from '../../../src/sandbox/tripRuns.js';
import type { ProgramSettings } from '../../../src/sandbox/state.js';

const settings = (fields: Partial<ProgramSettings>) => ({ name: 'p', currency_code: 'USD', starts_at: 0, ends_at: 1, ...fields }) as ProgramSettings;

describe('the part of a sandbox trip a voucher pays', () => {
  it.each([
    [{ is_fully_covered: true, value_per_trip_max_amount: 5 }, tripFare],
    [{ value_per_trip_max_amount: 10 }, 10],
    [{ value_per_trip_max_amount: 100 }, tripFare],
    [{ value_per_period_max_credit: 12, value_per_period_max_trips: 2 }, 12],
    [{ value_per_trip_max_amount: 100, value_per_trip_percentage: 40 }, 10],
    [{ value_per_trip_max_amount: 100, value_per_trip_deductible: 5 }, 20],
    [{ value_per_trip_max_amount: 15, value_per_trip_deductible: 5 }, 15],
    [{ value_per_trip_max_amount: 100, value_per_trip_deductible: 40 }, 0],
  ])(`%j pays %d of the ${tripFare} fare`, (fields, paid) => {
    expect(coveredAmount(settings(fields))).toBe(paid);
  });
});
