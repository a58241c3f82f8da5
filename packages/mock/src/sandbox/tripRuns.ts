import type { EngineContext } from './context.js';
import { notFound } from './failure.js';
import type { Schemas, TripRunRecord } from './state.js';

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
