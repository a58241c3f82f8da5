import type { EngineContext } from './context.js';
import { invalidRequest } from './failure.js';
import { refuseWhileGenerating } from './inProgress.js';
import { findProgram } from './lookup.js';
import { programStatus } from './programStatus.js';
import type { GuestRecord, ProgramRecord, Schemas } from './state.js';
import { pageOffset, pageToken } from './pageToken.js';

/** Page size when a call names none (our choice; Uber documents no default). */
export const defaultGuestPageSize = 100;

/**
 * The guest, the code they hold and, once a rider with the guest's email has redeemed that code,
 * the voucher on their account (our choice: the sandbox knows riders by the email they signed in with).
 */
export function guestView(context: EngineContext, program: ProgramRecord, guest: GuestRecord): Schemas['Guest'] {
  const code = guest.codeIndex === null ? undefined : program.codes[guest.codeIndex];
  const voucherId = code && guest.email !== null ? context.state.redemptions.get(code.id)?.get(guest.email.toLowerCase()) : undefined;
  return {
    name: null,
    email: guest.email,
    phone: guest.phone,
    code: code ? { code_id: code.id, code_text: code.text } : null,
    voucher: voucherId ? { voucher_id: voucherId } : null,
  };
}

/** The next code nobody holds and nobody canceled; the one shared code of a single-code program. */
function nextCode(program: ProgramRecord): number | null {
  if (program.settings.code_scheme === 'SINGLE_CODE_MULTI_REDEEM') return 0;
  while (program.nextCodeIndex < program.codes.length && program.codes[program.nextCodeIndex]!.canceledAt !== null) program.nextCodeIndex++;
  return program.nextCodeIndex < program.codes.length ? program.nextCodeIndex++ : null;
}

/**
 * Adds each contact once (a repeat of an email or phone already added is not added again) and
 * hands it the next free code; with notifications on, the guest is told and the code is claimed.
 */
export function addGuests(context: EngineContext, organizationId: string, programId: string, request: Schemas['AddGuestsRequest']): Schemas['AddGuestsResponse'] {
  const program = findProgram(context, organizationId, programId);
  refuseWhileGenerating(context, program);
  const status = programStatus(program, context.clock.now());
  if (status === 'CANCELED' || status === 'COMPLETE') throw invalidRequest(`a ${status} program cannot get guests`);
  const contactKeys = (email: string | null | undefined, phone: string | null | undefined) => [
    ...(email ? [`e:${email.toLowerCase()}`] : []),
    ...(phone ? [`p:${phone}`] : []),
  ];
  const known = new Set(program.guests.flatMap((guest) => contactKeys(guest.email, guest.phone)));
  const notify = request.send_notifications ?? true;
  for (const contact of request.guests) {
    const keys = contactKeys(contact.email, contact.phone);
    if (keys.some((key) => known.has(key))) continue;
    for (const key of keys) known.add(key);
    const guest: GuestRecord = { email: contact.email ?? null, phone: contact.phone ?? null, codeIndex: nextCode(program) };
    program.guests.push(guest);
    if (notify && guest.codeIndex !== null) program.codes[guest.codeIndex]!.claimed = true;
  }
  return { guests: request.guests.map((contact) => ({ ...contact })) };
}

export function getGuests(context: EngineContext, organizationId: string, programId: string, query: { limit?: number; page_token?: string }): Schemas['GuestPage'] {
  const program = findProgram(context, organizationId, programId);
  const offset = query.page_token === undefined ? 0 : pageOffset(query.page_token);
  const limit = query.limit ?? defaultGuestPageSize;
  const page = program.guests.slice(offset, offset + limit);
  const next = offset + page.length;
  return { guests: page.map((guest) => guestView(context, program, guest)), next_token: next < program.guests.length ? pageToken(next) : null };
}

