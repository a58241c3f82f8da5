import type {
  VoucherProgramActivatedEvent,
  VoucherProgramCodeDistributedEvent,
  VoucherProgramCodeRedeemedEvent,
  VoucherProgramCompletedEvent,
  VoucherWebhookEvent,
} from '@voucher-programs/webhooks';

/** What the webhooks need to know of a program. */
export interface ProgramTimes {
  organizationId: string;
  voucherProgramId: string;
  startsAt: number;
  endsAt: number;
  canceledAt: number | null;
}

export type ProgramCrossingType = 'voucher_program_activated' | 'voucher_program_completed';

export interface ProgramCrossing {
  eventType: ProgramCrossingType;
  /** When the program crossed: its `starts_at` or `ends_at`. */
  at: number;
  program: ProgramTimes;
}

/** A program canceled before a moment never reaches it. */
const reaches = (program: ProgramTimes, at: number) => program.canceledAt === null || program.canceledAt > at;

/**
 * The programs that started or ended in (after, upTo], in time order (a program that did both
 * in one clock move is activated before it completes).
 */
export function programCrossings(programs: Iterable<ProgramTimes>, after: number, upTo: number): ProgramCrossing[] {
  const crossings: ProgramCrossing[] = [];
  for (const program of programs) {
    if (program.startsAt > after && program.startsAt <= upTo && reaches(program, program.startsAt)) {
      crossings.push({ eventType: 'voucher_program_activated', at: program.startsAt, program });
    }
    if (program.endsAt > after && program.endsAt <= upTo && reaches(program, program.endsAt)) {
      crossings.push({ eventType: 'voucher_program_completed', at: program.endsAt, program });
    }
  }
  const order = (type: ProgramCrossingType) => (type === 'voucher_program_activated' ? 0 : 1);
  return crossings.sort((a, b) => a.at - b.at || order(a.eventType) - order(b.eventType));
}

/** The next `starts_at` or `ends_at` after `after` that a program not canceled will cross. */
export function nextProgramCrossing(programs: Iterable<ProgramTimes>, after: number): number | undefined {
  let next: number | undefined;
  for (const program of programs) {
    if (program.canceledAt !== null) continue;
    for (const at of [program.startsAt, program.endsAt]) {
      if (at > after && (next === undefined || at < next)) next = at;
    }
  }
  return next;
}

/**
 * Who a distribution reaches, by a rule of the sandbox (Uber's real reasons are a bad address or
 * an unverified account): an email at the reserved domain `fail.example`, or a phone number with
 * the unassigned country code +999, cannot be reached. Everyone else can.
 */
export function guestReachable(guest: { email?: string | null; phone?: string | null }): boolean {
  if (guest.email && /@fail\.example$/i.test(guest.email.trim())) return false;
  if (guest.phone && /^\+?999/.test(guest.phone.replace(/[\s().-]/g, ''))) return false;
  return true;
}

export type DistributionStatus = 'SUCCESS' | 'PARTIAL_SUCCESS' | 'FAILURE';

/** `meta.status` of a distribution: everyone reached (or no one to reach), some, or none. */
export function distributionStatus(guests: readonly { email?: string | null; phone?: string | null }[]): DistributionStatus {
  const reached = guests.filter(guestReachable).length;
  if (reached === guests.length) return 'SUCCESS';
  return reached === 0 ? 'FAILURE' : 'PARTIAL_SUCCESS';
}

export interface ProgramEventInput {
  eventId: string;
  /** When it happened, in ms; the event says seconds. */
  at: number;
  /** The API's base URL, so `resource_href` points back at this sandbox. */
  apiBaseUrl: string;
  organizationId: string;
  voucherProgramId: string;
}

function envelope(input: ProgramEventInput) {
  const { organizationId, voucherProgramId } = input;
  const path = `/v1/organizations/${encodeURIComponent(organizationId)}/voucher-programs/${encodeURIComponent(voucherProgramId)}`;
  return {
    event_id: input.eventId,
    event_time: Math.floor(input.at / 1000),
    resource_href: new URL(path, input.apiBaseUrl).href,
    meta: { org_uuid: organizationId, resource_id: voucherProgramId },
  };
}

export function programActivatedEvent(input: ProgramEventInput): VoucherProgramActivatedEvent {
  const base = envelope(input);
  return { ...base, event_type: 'voucher_program_activated', meta: { ...base.meta, status: 'ACTIVE' } };
}

export function programCompletedEvent(input: ProgramEventInput): VoucherProgramCompletedEvent {
  const base = envelope(input);
  return { ...base, event_type: 'voucher_program_completed', meta: { ...base.meta, status: 'COMPLETE' } };
}

export function codesDistributedEvent(input: ProgramEventInput & { status: DistributionStatus }): VoucherProgramCodeDistributedEvent {
  const base = envelope(input);
  return { ...base, event_type: 'voucher_program_code_distributed', meta: { ...base.meta, status: input.status } };
}

/** `meta.user_id` is the rider who redeemed. */
export function codeRedeemedEvent(input: ProgramEventInput & { riderId: string }): VoucherProgramCodeRedeemedEvent {
  const base = envelope(input);
  return { ...base, event_type: 'voucher_program_code_redeemed', meta: { ...base.meta, user_id: input.riderId, status: 'REDEEMED' } };
}

export function crossingEvent(crossing: ProgramCrossing, input: Omit<ProgramEventInput, 'at' | 'organizationId' | 'voucherProgramId'>): VoucherWebhookEvent {
  const full = { ...input, at: crossing.at, organizationId: crossing.program.organizationId, voucherProgramId: crossing.program.voucherProgramId };
  return crossing.eventType === 'voucher_program_activated' ? programActivatedEvent(full) : programCompletedEvent(full);
}
