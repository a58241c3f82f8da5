import type { EngineContext } from './context.js';
import { notFound } from './failure.js';
import { organization, type ProgramRecord, type TemplateRecord } from './state.js';

/** The organization's program, with every code that is due moved in; 404 for an id it does not hold. */
export function findProgram(context: EngineContext, organizationId: string, programId: string): ProgramRecord {
  const program = organization(context.state, organizationId).programs.get(programId);
  if (!program) throw notFound(`Voucher program ${programId} is not found`);
  context.generation.settle(program, context.clock.now());
  return program;
}

export function findTemplate(context: EngineContext, organizationId: string, templateId: string): TemplateRecord {
  const template = organization(context.state, organizationId).templates.get(templateId);
  if (!template) throw notFound(`Voucher program template ${templateId} is not found`);
  return template;
}
