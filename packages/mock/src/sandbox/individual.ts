import { yearMs, type EngineContext } from './context.js';
import { invalidRequest } from './failure.js';
import { createProgramFromTemplate } from './fromTemplate.js';
import { addGuests } from './guests.js';
import { findTemplate } from './lookup.js';
import type { Schemas } from './state.js';

/**
 * The deprecated call, modelled as what replaced it: a program from the template (its name must be
 * the template's, as Uber documents) whose id is the given `program_uuid` (Uber persists it),
 * running from now for a year (our choice: the call takes no dates), with the one person added as
 * its guest.
 */
export function createIndividualProgram(context: EngineContext, organizationId: string, request: Schemas['IndividualVoucherProgramCreate']): Schemas['Acknowledgement'] {
  const template = findTemplate(context, organizationId, request.template_uuid);
  if (request.name !== template.settings.template_name) throw invalidRequest(`name must be the template's name, "${template.settings.template_name}"`);
  const now = context.clock.now();
  const created = createProgramFromTemplate(context, organizationId, {
    template_id: request.template_uuid,
    name: request.name,
    starts_at: now,
    ends_at: now + yearMs,
  }, request.program_uuid);
  const contact = request.email_address !== undefined ? { email: request.email_address } : { phone: request.mobile_number! };
  addGuests(context, organizationId, created.voucher_program_id, { guests: [contact] });
  return {};
}
