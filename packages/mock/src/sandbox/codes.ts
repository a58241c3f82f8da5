import type { EngineContext } from './context.js';
import { invalidRequest } from './failure.js';
import { refuseWhileGenerating } from './inProgress.js';
import { findProgram } from './lookup.js';
import { programStatus } from './programStatus.js';
import { redemptionLink } from './programs.js';
import type { CodeRecord, ProgramRecord, Schemas } from './state.js';
import { guestReachable } from './webhooks/programEvents.js';

function codeView(code: CodeRecord, program: ProgramRecord, includeUsage: boolean): Schemas['VoucherCode'] {
  const view: Schemas['VoucherCode'] = {
    code_id: code.id,
    code_text: code.text,
    redemption_link: redemptionLink(code.text),
    max_num_redemptions: code.maxRedemptions,
  };
  if (includeUsage) {
    view.usage_count = code.usageCount;
    view.usage_amount = code.usageAmount;
    view.currency_code = program.settings.currency_code;
  }
  if (code.canceledAt !== null) view.canceled_at = code.canceledAt;
  return view;
}

export function getCodes(context: EngineContext, organizationId: string, programId: string, includeUsage: boolean): Schemas['VoucherCodeList'] {
  const program = findProgram(context, organizationId, programId);
  refuseWhileGenerating(context, program);
  return { total_number_of_codes: program.codes.length, codes: program.codes.map((code) => codeView(code, program, includeUsage)) };
}

/** Queues more codes; a call while others are still being made is queued behind them. */
export function generateCodes(context: EngineContext, organizationId: string, programId: string, request: Schemas['GenerateVoucherCodesRequest']): Schemas['Acknowledgement'] {
  const program = findProgram(context, organizationId, programId);
  const now = context.clock.now();
  if (program.settings.code_scheme !== 'MULTI_CODE_SINGLE_REDEEM') {
    throw invalidRequest('a SINGLE_CODE_MULTI_REDEEM program has one code; create a new program instead');
  }
  const status = programStatus(program, now);
  if (status === 'CANCELED' || status === 'COMPLETE') throw invalidRequest(`a ${status} program cannot get more codes`);
  const held = program.codes.length + context.generation.pendingCount(program);
  const cap = context.limits.maxCodesPerProgram;
  if (held + request.number_of_codes > cap) {
    throw invalidRequest(`a program holds at most ${cap} codes; this one has ${held}, made or being made`);
  }
  context.generation.start(program, context.state.serials.code, request.number_of_codes, now);
  context.state.serials.code += request.number_of_codes;
  return {};
}

/** Cancels each code it can; claimed, redeemed and unknown codes are reported, the rest canceled. */
export function cancelCodes(context: EngineContext, organizationId: string, programId: string, request: Schemas['CancelVoucherCodesRequest']): Schemas['CancelVoucherCodesResponse'] {
  const program = findProgram(context, organizationId, programId);
  const now = context.clock.now();
  const byId = new Map(program.codes.map((code) => [code.id, code]));
  const failures: Schemas['CancelCodeFailure'][] = [];
  for (const codeId of request.codes) {
    const code = byId.get(codeId);
    const reason = !code ? 'code not found' : code.usageCount > 0 ? 'code already redeemed' : code.claimed ? 'code already claimed' : undefined;
    if (reason) failures.push({ code_uuid: codeId, reason });
    else code!.canceledAt ??= now;
  }
  // With nothing to report, the answer is Uber's documented success: no failures list at all.
  return failures.length > 0 ? { cancelCodeFailures: failures } : {};
}

/** Notifies the guests holding these codes (all codes when none are named): their codes count as claimed. */
export function distributeCodes(context: EngineContext, organizationId: string, programId: string, request: Schemas['DistributeVoucherCodesRequest']): Schemas['Acknowledgement'] {
  const program = findProgram(context, organizationId, programId);
  const status = programStatus(program, context.clock.now());
  if (status === 'CANCELED' || status === 'COMPLETE') throw invalidRequest(`the codes of a ${status} program cannot be distributed`);
  let wanted: Set<number> | undefined;
  if (request.codes && request.codes.length > 0) {
    const indexById = new Map(program.codes.map((code, index) => [code.id, index]));
    const unknown = request.codes.filter((id) => !indexById.has(id));
    if (unknown.length > 0) throw invalidRequest(`not codes of this program: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}`);
    wanted = new Set(request.codes.map((id) => indexById.get(id)!));
  }
  for (const guest of program.guests) {
    if (guest.codeIndex === null || (wanted && !wanted.has(guest.codeIndex))) continue;
    const code = program.codes[guest.codeIndex]!;
    // A guest the distribution cannot reach (webhooks/README.md) was not told, so their code stays unclaimed.
    if (code.canceledAt === null && guestReachable(guest)) code.claimed = true;
  }
  return {};
}
