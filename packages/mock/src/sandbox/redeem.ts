import type { EngineContext } from './context.js';
import { ApiFailure, notFound } from './failure.js';
import { programStatus } from './programStatus.js';
import type { CodeRecord, ProgramRecord, Schemas } from './state.js';

function findCode(context: EngineContext, codeText: string): { program: ProgramRecord; code: CodeRecord } | undefined {
  const wanted = codeText.toUpperCase();
  for (const organization of context.state.organizations.values()) {
    for (const program of organization.programs.values()) {
      context.generation.settle(program, context.clock.now());
      const code = program.codes.find((candidate) => candidate.text === wanted);
      if (code) return { program, code };
    }
  }
  return undefined;
}

/**
 * Puts the code on the rider's account: once per rider, up to the code's redemptions, only while
 * the program is ACTIVE and the code not canceled. Trips that use the voucher (and so usage) come
 * from trip runs.
 */
export function redeemCode(context: EngineContext, riderId: string, request: Schemas['RedeemVoucherCodeRequest']): Schemas['RedeemVoucherCodeResponse'] {
  const { redemptions } = context.state;
  const found = findCode(context, request.code_text);
  if (!found) throw notFound(`Voucher code ${request.code_text} is not found`);
  const { program, code } = found;
  if (programStatus(program, context.clock.now()) !== 'ACTIVE' || code.canceledAt !== null) {
    throw new ApiFailure(400, 'voucher_program_inactive', 'The voucher program is not active');
  }
  // Riders are known by the email (or id) they signed in with, in lower case.
  riderId = riderId.toLowerCase();
  const byRider = redemptions.get(code.id) ?? new Map<string, string>();
  if (byRider.has(riderId)) throw new ApiFailure(409, 'code_already_redeemed', 'This code is already on your account');
  if (byRider.size >= code.maxRedemptions) throw new ApiFailure(400, 'redeem_count_exceeded', 'This code has no redemptions left');
  const voucherId = context.random.uuid(`voucher:${code.id}:${riderId}`);
  byRider.set(riderId, voucherId);
  redemptions.set(code.id, byRider);
  code.claimed = true;
  return { voucher_id: voucherId };
}
