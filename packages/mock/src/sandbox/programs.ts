import type { EngineContext } from './context.js';
import { invalidRequest } from './failure.js';
import { findProgram } from './lookup.js';
import { cancelRefusal, programStatus, updateRefusal } from './programStatus.js';
import { organization, type ProgramRecord, type ProgramSettings, type Schemas } from './state.js';
import { checkProgramWindow } from './window.js';
import { guestView } from './guests.js';

/** Where a code's deep link points (Uber sends it without a scheme). */
export const redemptionLink = (codeText: string) => `redeem.uber.com/${codeText}`;

/** Adds a program whose settings passed the schema; checks the rules the schema cannot state. */
export function insertProgram(context: EngineContext, organizationId: string, settings: ProgramSettings, programId?: string): Schemas['VoucherProgramCreated'] {
  const now = context.clock.now();
  checkProgramWindow(settings.starts_at, settings.ends_at, now);
  const single = settings.code_scheme === 'SINGLE_CODE_MULTI_REDEEM';
  if (single && settings.number_of_codes !== undefined) throw invalidRequest('number_of_codes applies only to MULTI_CODE_SINGLE_REDEEM programs');
  if (!single && settings.redemptions_per_code !== undefined) throw invalidRequest('redemptions_per_code applies only to SINGLE_CODE_MULTI_REDEEM programs');
  if (!single && settings.number_of_codes! > context.limits.maxCodesPerProgram) {
    throw invalidRequest(`a program holds at most ${context.limits.maxCodesPerProgram} codes`);
  }
  const { state } = context;
  const programs = organization(state, organizationId).programs;
  if (programId !== undefined && programs.has(programId)) throw invalidRequest(`the organization already has a program ${programId}`);
  const program: ProgramRecord = {
    id: programId ?? context.random.uuid(`program:${state.serials.program++}`),
    organizationId,
    createdAt: now,
    canceledAt: null,
    settings: { ...settings },
    codes: [],
    jobs: [],
    guests: [],
    nextCodeIndex: 0,
  };
  programs.set(program.id, program);
  if (single) {
    // The one shared code exists at once: the create answer carries it.
    const code = context.codes.code(state.serials.code++, settings.redemptions_per_code!);
    program.codes.push(code);
    return { voucher_program_id: program.id, code_text: code.text, code_link: `https://${redemptionLink(code.text)}` };
  }
  const count = settings.number_of_codes!;
  context.generation.start(program, state.serials.code, count, now);
  state.serials.code += count;
  return { voucher_program_id: program.id };
}

/** The most the program can cost: every redemption its codes allow at the per-trip (or per-period) cap. */
export function totalExposure(context: EngineContext, program: ProgramRecord): number {
  const { settings } = program;
  const perRedemption = settings.value_per_trip_max_amount ?? settings.value_per_period_max_credit ?? 0;
  const madeRedemptions = program.codes.reduce((sum, code) => sum + (code.canceledAt === null ? code.maxRedemptions : 0), 0);
  return (madeRedemptions + context.generation.pendingCount(program)) * perRedemption;
}

export function programView(context: EngineContext, program: ProgramRecord, includeGuests: boolean): Schemas['VoucherProgram'] {
  const { settings } = program;
  let usageTrips = 0;
  let usageAmount = 0;
  let claims = 0;
  for (const code of program.codes) {
    usageTrips += code.usageCount;
    usageAmount += code.usageAmount;
    if (code.claimed) claims++;
  }
  return {
    voucher_program_id: program.id,
    name: settings.name,
    description: settings.description ?? null,
    expense_memo: settings.expense_memo ?? null,
    status: programStatus(program, context.clock.now()),
    is_disabled: false,
    currency_code: settings.currency_code,
    timezone: settings.timezone ?? 'UTC',
    starts_at: settings.starts_at,
    ends_at: settings.ends_at,
    created_at: program.createdAt,
    code_scheme: settings.code_scheme,
    voucher_type: settings.voucher_type,
    redemptions_per_code: settings.redemptions_per_code ?? null,
    value_per_trip_max_amount: settings.value_per_trip_max_amount ?? null,
    value_per_trip_deductible: settings.value_per_trip_deductible ?? null,
    value_per_trip_percentage: settings.value_per_trip_percentage ?? null,
    value_per_period_max_credit: settings.value_per_period_max_credit ?? null,
    value_per_period_max_trips: settings.value_per_period_max_trips ?? null,
    value_recurrence_period: settings.value_recurrence_period ?? 'SINGLE',
    is_fully_covered: settings.is_fully_covered ?? false,
    vehicle_category_types: settings.vehicle_category_types ?? null,
    pickup_locations: settings.pickup_locations ?? null,
    dropoff_locations: settings.dropoff_locations ?? null,
    trip_restriction_type: settings.trip_restriction_type ?? '',
    usage_trip_count: usageTrips,
    usage_voucher_claim_count: claims,
    usage_amount: usageAmount,
    usage_amount_currency: settings.currency_code,
    total_dollar_exposure: totalExposure(context, program),
    guests: includeGuests ? program.guests.map((guest) => guestView(context, program, guest)) : null,
  };
}

export function getProgram(context: EngineContext, organizationId: string, programId: string, includeGuests: boolean): Schemas['VoucherProgram'] {
  return programView(context, findProgram(context, organizationId, programId), includeGuests);
}

const exclusiveValueFields = ['value_per_trip_deductible', 'value_per_trip_percentage'] as const;

export function updateProgram(context: EngineContext, organizationId: string, programId: string, patch: Schemas['VoucherProgramUpdate']): Schemas['Acknowledgement'] {
  const program = findProgram(context, organizationId, programId);
  const now = context.clock.now();
  const status = programStatus(program, now);
  const { settings } = program;
  for (const field of Object.keys(patch)) {
    const refusal = updateRefusal(status, field);
    if (refusal) throw invalidRequest(refusal);
  }
  if (status === 'ACTIVE' && patch.ends_at !== undefined && patch.ends_at < settings.ends_at) {
    throw invalidRequest('while the program is ACTIVE, ends_at can only be extended');
  }
  if (patch.redemptions_per_code !== undefined) {
    if (settings.code_scheme !== 'SINGLE_CODE_MULTI_REDEEM') throw invalidRequest('redemptions_per_code applies only to SINGLE_CODE_MULTI_REDEEM programs');
    const used = program.codes[0]?.usageCount ?? 0;
    if (patch.redemptions_per_code < used) throw invalidRequest(`the code has already been redeemed ${used} times`);
  }
  const next: ProgramSettings = { ...settings, ...patch } as ProgramSettings;
  // Setting one of two exclusive value fields replaces the other.
  for (const [field, other] of [exclusiveValueFields, [...exclusiveValueFields].reverse()] as const) {
    if (patch[field] !== undefined) delete next[other];
  }
  if (next.value_per_period_max_credit !== undefined && next.value_per_period_max_trips === undefined) {
    throw invalidRequest('value_per_period_max_credit needs value_per_period_max_trips');
  }
  if (patch.starts_at !== undefined || patch.ends_at !== undefined) {
    checkProgramWindow(next.starts_at, next.ends_at, now, { startChanged: patch.starts_at !== undefined });
  }
  program.settings = next;
  if (patch.redemptions_per_code !== undefined) program.codes[0]!.maxRedemptions = patch.redemptions_per_code;
  return {};
}

export function cancelProgram(context: EngineContext, organizationId: string, programId: string): void {
  const program = findProgram(context, organizationId, programId);
  const now = context.clock.now();
  const refusal = cancelRefusal(programStatus(program, now));
  if (refusal) throw invalidRequest(refusal);
  program.canceledAt = now;
}

export function summaryView(context: EngineContext, program: ProgramRecord): Schemas['VoucherProgramSummary'] {
  const { settings } = program;
  return {
    voucher_program_id: program.id,
    name: settings.name,
    status: programStatus(program, context.clock.now()),
    total_dollar_exposure: totalExposure(context, program),
    currency_code: settings.currency_code,
    starts_at: settings.starts_at,
    ends_at: settings.ends_at,
    created_at: program.createdAt,
    voucher_type: settings.voucher_type,
    code_scheme: settings.code_scheme,
  };
}

/** A page in creation order, optionally of one status; the last page is the one shorter than `limit`. */
export function searchPrograms(context: EngineContext, organizationId: string, request: Schemas['SearchVoucherProgramsRequest']): Schemas['SearchVoucherProgramsResponse'] {
  const now = context.clock.now();
  const matching: ProgramRecord[] = [];
  for (const program of organization(context.state, organizationId).programs.values()) {
    if (request.program_status === undefined || programStatus(program, now) === request.program_status) matching.push(program);
  }
  return { results: matching.slice(request.offset, request.offset + request.limit).map((program) => summaryView(context, program)) };
}
