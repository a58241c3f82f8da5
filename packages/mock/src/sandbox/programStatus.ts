import type { Schemas } from './state.js';

export type ProgramStatus = Schemas['ProgramStatus'];

/** The program state machine, in one place: UPCOMING → ACTIVE at starts_at → COMPLETE at ends_at; CANCELED on cancel. */
export function programStatus(program: { canceledAt: number | null; settings: { starts_at: number; ends_at: number } }, now: number): ProgramStatus {
  if (program.canceledAt !== null) return 'CANCELED';
  if (now < program.settings.starts_at) return 'UPCOMING';
  if (now < program.settings.ends_at) return 'ACTIVE';
  return 'COMPLETE';
}

/** Fields a PATCH may change, by status (the guide's rules; see the sandbox README for the choices). */
const editableByStatus: Record<ProgramStatus, ReadonlySet<string>> = {
  UPCOMING: new Set([
    'name', 'description', 'starts_at', 'ends_at', 'vehicle_category_types', 'pickup_locations', 'dropoff_locations',
    'redemptions_per_code', 'value_per_trip_max_amount', 'value_per_trip_deductible', 'value_per_trip_percentage',
    'value_per_period_max_credit', 'value_per_period_max_trips',
  ]),
  ACTIVE: new Set([
    'name', 'description', 'ends_at', 'pickup_locations', 'dropoff_locations', 'redemptions_per_code',
    'value_per_trip_max_amount', 'value_per_trip_deductible', 'value_per_trip_percentage',
    'value_per_period_max_credit', 'value_per_period_max_trips',
  ]),
  COMPLETE: new Set(),
  CANCELED: new Set(),
};

/** Why this field cannot change in this status, or undefined when it can. */
export function updateRefusal(status: ProgramStatus, field: string): string | undefined {
  if (status === 'CANCELED') return 'a canceled program cannot be updated';
  if (status === 'COMPLETE') return 'a completed program cannot be updated';
  if (!editableByStatus[status].has(field)) return `${field} cannot be changed while the program is ${status}`;
  return undefined;
}

/** Why the program cannot be canceled now, or undefined when it can. */
export function cancelRefusal(status: ProgramStatus): string | undefined {
  if (status === 'CANCELED') return 'the program is already canceled';
  if (status === 'COMPLETE') return 'a completed program cannot be canceled';
  return undefined;
}
