import type { ProgramTimes } from './programEvents.js';
import type { SandboxWebhooks } from './sandboxWebhooks.js';

/** What the events need of the sandbox's program records (a structural view of its state). */
export interface ProgramView {
  id: string;
  organizationId: string;
  canceledAt: number | null;
  settings: { starts_at: number; ends_at: number };
  codes: readonly { id: string; text: string; canceledAt: number | null }[];
  guests: readonly { email: string | null; phone: string | null; codeIndex: number | null }[];
}

export interface StateView {
  organizations: ReadonlyMap<string, { programs: ReadonlyMap<string, ProgramView> }>;
  /** Per code id: rider → the voucher id their redeem created. */
  redemptions: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/** A call the engine answered, as the events read it. */
export interface AnsweredCall {
  operationId: string;
  path: Record<string, string>;
  body: unknown;
  answer: { status: number; body?: unknown };
}

export function programTimes(program: ProgramView): ProgramTimes {
  return {
    organizationId: program.organizationId,
    voucherProgramId: program.id,
    startsAt: program.settings.starts_at,
    endsAt: program.settings.ends_at,
    canceledAt: program.canceledAt,
  };
}

export function* allProgramTimes(state: StateView): Iterable<ProgramTimes> {
  for (const organization of state.organizations.values()) {
    for (const program of organization.programs.values()) yield programTimes(program);
  }
}

const createOperations = new Set(['createVoucherProgram', 'createVoucherProgramFromTemplate', 'createIndividualVoucherProgram']);
const changeOperations = new Set(['updateVoucherProgram', 'cancelVoucherProgram']);

/**
 * Raises the events a successful call causes, reading the state the call left: a new program
 * (activated at once if it already started), a changed or canceled one (its timer moves), a
 * distribution (who was meant to be reached), a redemption (which rider, from the voucher made).
 */
export function raiseCallEvents(webhooks: SandboxWebhooks, state: StateView, call: AnsweredCall): void {
  if (call.answer.status >= 300) return;
  const organization = state.organizations.get(call.path['organization_id'] ?? '');
  if (createOperations.has(call.operationId)) {
    const id = (call.answer.body as { voucher_program_id?: unknown } | undefined)?.voucher_program_id;
    const program = typeof id === 'string' ? organization?.programs.get(id) : undefined;
    if (program) webhooks.programCreated(programTimes(program));
    else webhooks.programsChanged();
    return;
  }
  if (changeOperations.has(call.operationId)) return webhooks.programsChanged();
  if (call.operationId === 'distributeVoucherCodes') {
    const program = organization?.programs.get(call.path['voucher_program_id'] ?? '');
    if (program) webhooks.codesDistributed(programTimes(program), distributedGuests(program, (call.body as { codes?: string[] } | undefined)?.codes));
    return;
  }
  if (call.operationId === 'redeemVoucherCode') {
    const codeText = (call.body as { code_text?: unknown } | undefined)?.code_text;
    const voucherId = (call.answer.body as { voucher_id?: unknown } | undefined)?.voucher_id;
    if (typeof codeText !== 'string' || typeof voucherId !== 'string') return;
    const found = findCode(state, codeText);
    const rider = found && [...(state.redemptions.get(found.codeId) ?? new Map<string, string>())].find(([, voucher]) => voucher === voucherId)?.[0];
    if (found && rider) webhooks.codeRedeemed(programTimes(found.program), rider);
  }
}

/** The guests holding the distributed codes (all codes when none are named), canceled codes left out. */
export function distributedGuests(program: ProgramView, codeIds: readonly string[] | undefined): ProgramView['guests'] {
  const wanted = codeIds && codeIds.length > 0 ? new Set(codeIds) : undefined;
  return program.guests.filter((guest) => {
    const code = guest.codeIndex === null ? undefined : program.codes[guest.codeIndex];
    return code !== undefined && code.canceledAt === null && (!wanted || wanted.has(code.id));
  });
}

function findCode(state: StateView, codeText: string): { program: ProgramView; codeId: string } | undefined {
  // Code texts are matched without regard to case, as riders type them.
  const wanted = codeText.toUpperCase();
  for (const organization of state.organizations.values()) {
    for (const program of organization.programs.values()) {
      const code = program.codes.find((candidate) => candidate.text.toUpperCase() === wanted);
      if (code) return { program, codeId: code.id };
    }
  }
  return undefined;
}
