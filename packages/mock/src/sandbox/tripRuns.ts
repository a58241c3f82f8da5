import type { EngineContext } from './context.js';
import { notFound } from './failure.js';
import { programStatus } from './programStatus.js';
import type { CodeRecord, ProgramRecord, ProgramSettings, Schemas, TripRunRecord } from './state.js';

/** How long a simulated trip runs on the sandbox clock (our choice; Uber documents none). */
export const tripRunMs = 60_000;

/**
 * The sandbox-only trip run: RUNNING until the sandbox clock has moved `tripRunMs` on, then
 * COMPLETED. The run is kept with the rider and product so that applying the rider's voucher to
 * the trip (usage, the redeemed webhook) can follow from it.
 */
export function createTripRun(context: EngineContext, request: Schemas['SandboxTripRunCreate']): Schemas['SandboxTripRunCreated'] {
  const { state, clock, random } = context;
  const serial = state.serials.run++;
  const now = clock.now();
  const run: TripRunRecord = {
    runId: random.uuid(`run:${serial}`),
    tripId: random.uuid(`trip:${serial}`),
    riderEmail: request.rider_info.identifier.email_address.toLowerCase(),
    productType: request.product_type,
    startedAt: now,
    completesAt: now + tripRunMs,
  };
  state.runs.set(run.runId, run);
  return { run_id: run.runId, trip_id: run.tripId };
}

export function getTripRun(context: EngineContext, runId: string): Schemas['SandboxRun'] {
  const run = context.state.runs.get(runId);
  if (!run) throw notFound(`Sandbox run ${runId} is not found`);
  return context.clock.now() < run.completesAt ? { state: 'RUNNING', message: 'The trip is under way.' } : { state: 'COMPLETED', message: 'Trip completed.' };
}

/** What every sandbox trip costs, in the program's currency (our choice; a simulated trip has no fare). */
export const tripFare = 25;

export interface CompletedTrip {
  run: TripRunRecord;
  program: ProgramRecord;
  code: CodeRecord;
}

/**
 * Applies each run that completed by `now` and was not yet applied: when the rider (known by the
 * email) has redeemed a code of a program ACTIVE at the trip's end, not canceled, with trips
 * left, the trip uses it: the code's usage grows by one trip and the amount covered. Answers the
 * trips that used a voucher, for the redeemed webhook.
 */
export function completeTripRuns(context: EngineContext, now: number): CompletedTrip[] {
  const used: CompletedTrip[] = [];
  for (const run of context.state.runs.values()) {
    if (run.voucher !== undefined || run.completesAt > now) continue;
    const found = voucherForTrip(context, run);
    run.voucher = found ? { codeId: found.code.id, amount: coveredAmount(found.program.settings) } : null;
    if (!found) continue;
    found.code.usageCount += 1;
    found.code.usageAmount += run.voucher!.amount;
    used.push({ run, ...found });
  }
  return used;
}

function voucherForTrip(context: EngineContext, run: TripRunRecord): { program: ProgramRecord; code: CodeRecord } | undefined {
  const { state } = context;
  for (const [codeId, riders] of state.redemptions) {
    if (!riders.has(run.riderEmail)) continue;
    const found = codeById(context, codeId);
    if (!found || found.code.canceledAt !== null || programStatus(found.program, run.completesAt) !== 'ACTIVE') continue;
    // Our choice: a voucher covers value_per_period_max_trips trips of a rider in all (one when unset); periods do not restart.
    const trips = [...state.runs.values()].filter((other) => other.voucher?.codeId === codeId && other.riderEmail === run.riderEmail).length;
    if (trips < (found.program.settings.value_per_period_max_trips ?? 1)) return found;
  }
  return undefined;
}

function codeById(context: EngineContext, codeId: string): { program: ProgramRecord; code: CodeRecord } | undefined {
  for (const organization of context.state.organizations.values()) {
    for (const program of organization.programs.values()) {
      const code = program.codes.find((candidate) => candidate.id === codeId);
      if (code) return { program, code };
    }
  }
  return undefined;
}

/** The part of the fare the program pays: all of it when fully covered, else within its per-trip limits. */
export function coveredAmount(settings: ProgramSettings): number {
  if (settings.is_fully_covered) return tripFare;
  let covered = Math.min(tripFare, settings.value_per_trip_max_amount ?? settings.value_per_period_max_credit ?? tripFare);
  if (settings.value_per_trip_percentage != null) covered = Math.min(covered, (tripFare * settings.value_per_trip_percentage) / 100);
  if (settings.value_per_trip_deductible != null) covered = Math.min(covered, Math.max(0, tripFare - settings.value_per_trip_deductible));
  return Math.round(covered * 100) / 100;
}
