import type { EngineContext } from './context.js';
import { invalidRequest } from './failure.js';
import { findTemplate } from './lookup.js';
import { insertProgram } from './programs.js';
import type { ProgramSettings, Schemas } from './state.js';

/**
 * A program with the template's value limits, locations, currency and time zone, and the call's
 * own dates and name. It is a single-code program (our choice: a template holds no code scheme)
 * whose one code may be used by one rider unless the call says otherwise.
 */
export function createProgramFromTemplate(
  context: EngineContext,
  organizationId: string,
  request: Schemas['VoucherProgramFromTemplateCreate'],
  programId?: string,
): Schemas['VoucherProgramCreated'] {
  const template = findTemplate(context, organizationId, request.template_id).settings;
  if (template.currency_code === undefined) throw invalidRequest('the template has no currency_code; update the template first');
  if (template.value_per_trip_max_amount === undefined && template.value_per_period_max_credit === undefined) {
    throw invalidRequest('the template sets neither value_per_trip_max_amount nor value_per_period_max_credit');
  }
  const { template_id: _templateId, ...own } = request;
  const settings: ProgramSettings = {
    name: template.campaign_name || template.template_name,
    currency_code: template.currency_code,
    code_scheme: 'SINGLE_CODE_MULTI_REDEEM',
    voucher_type: 'PERSONAL_TRANSPORT',
    redemptions_per_code: 1,
    ...pick(template, ['timezone', 'is_fully_covered', 'value_per_trip_max_amount', 'value_per_trip_deductible', 'value_per_trip_percentage',
      'value_per_period_max_credit', 'value_per_period_max_trips', 'value_recurrence_period', 'vehicle_category_types',
      'pickup_locations', 'dropoff_locations', 'trip_restriction_type']),
    ...own,
  } as ProgramSettings;
  return insertProgram(context, organizationId, settings, programId);
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const picked: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) picked[key] = source[key];
  return picked;
}
