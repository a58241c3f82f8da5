import type { EngineContext } from './context.js';
import { findTemplate } from './lookup.js';
import { pageOffset, pageToken } from './pageToken.js';
import { organization, type Schemas, type TemplateRecord, type TemplateSettings } from './state.js';

/** Page size when a call names none (our choice; Uber documents no default). */
export const defaultTemplatePageSize = 100;

export function templateView(context: EngineContext, template: TemplateRecord): Schemas['VoucherProgramTemplate'] {
  const { settings } = template;
  return {
    uuid: template.uuid,
    creator_uuid: context.random.uuid(`creator:${template.organizationId}`),
    created_at: template.createdAt,
    is_disabled: false,
    template_name: settings.template_name,
    campaign_name: settings.campaign_name ?? null,
    timezone: settings.timezone ?? 'UTC',
    ...(settings.currency_code !== undefined ? { currency_code: settings.currency_code } : {}),
    is_fully_covered: settings.is_fully_covered ?? false,
    trip_restriction_type: settings.trip_restriction_type ?? '',
    // Uber fills an omitted max amount with the period credit (template reference).
    value_per_trip_max_amount: settings.value_per_trip_max_amount ?? settings.value_per_period_max_credit ?? null,
    // The answer renames the two value fields; percentage is a whole number, 100 when unset (Uber's default).
    deductible: settings.value_per_trip_deductible ?? null,
    percentage: settings.value_per_trip_percentage === undefined ? 100 : Math.round(settings.value_per_trip_percentage),
    value_per_period_max_credit: settings.value_per_period_max_credit ?? null,
    value_per_period_max_trips: settings.value_per_period_max_trips ?? null,
    value_recurrence_period: settings.value_recurrence_period ?? 'SINGLE',
    vehicle_category_types: settings.vehicle_category_types ?? null,
    pickup_locations: settings.pickup_locations ?? null,
    dropoff_locations: settings.dropoff_locations ?? null,
  };
}

export function createTemplate(context: EngineContext, organizationId: string, settings: TemplateSettings): Schemas['TemplateCreated'] {
  const { state } = context;
  const template: TemplateRecord = {
    uuid: context.random.uuid(`template:${state.serials.template++}`),
    organizationId,
    createdAt: context.clock.now(),
    settings: { ...settings },
  };
  organization(state, organizationId).templates.set(template.uuid, template);
  return { uuid: template.uuid };
}

export function getTemplate(context: EngineContext, organizationId: string, templateId: string): Schemas['VoucherProgramTemplate'] {
  return templateView(context, findTemplate(context, organizationId, templateId));
}

export function listTemplates(context: EngineContext, organizationId: string, query: { limit?: number; page_token?: string }): Schemas['VoucherProgramTemplatePage'] {
  const all = [...organization(context.state, organizationId).templates.values()];
  const offset = query.page_token === undefined ? 0 : pageOffset(query.page_token);
  const page = all.slice(offset, offset + (query.limit ?? defaultTemplatePageSize));
  const next = offset + page.length;
  return { templates: page.map((template) => templateView(context, template)), next_token: next < all.length ? pageToken(next) : null };
}

/** Changes only the fields sent; an empty vehicle list removes the restriction; programs made earlier keep theirs. */
export function updateTemplate(context: EngineContext, organizationId: string, templateId: string, patch: Schemas['VoucherProgramTemplateUpdate']): Schemas['Acknowledgement'] {
  const template = findTemplate(context, organizationId, templateId);
  const next = { ...template.settings, ...patch };
  for (const [field, other] of [['value_per_trip_deductible', 'value_per_trip_percentage'], ['value_per_trip_percentage', 'value_per_trip_deductible']] as const) {
    if (patch[field] !== undefined) delete next[other];
  }
  if (next.vehicle_category_types?.length === 0) delete next.vehicle_category_types;
  template.settings = next;
  return {};
}
