import { describe, expect, it } from 'vitest';
import { raiseCallEvents, type ProgramView, type SandboxWebhooks, type StateView } from '../../../src/sandbox/webhooks/index.js';

const start = Date.UTC(2027, 0, 1);

function program(id: string, guests: ProgramView['guests'] = [], canceledCode = -1): ProgramView {
  return {
    id,
    organizationId: 'org-1',
    canceledAt: null,
    settings: { starts_at: start, ends_at: start + 1_000 },
    codes: ['AAA111', 'BBB222', 'CCC333'].map((text, index) => ({ id: `code-${index}`, text, canceledAt: index === canceledCode ? start : null })),
    guests,
  };
}

function recorder(): { webhooks: SandboxWebhooks; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const record = (name: string) => (...args: unknown[]) => void calls.push([name, ...args]);
  const webhooks = {
    programsChanged: record('programsChanged'),
    programCreated: record('programCreated'),
    codesDistributed: record('codesDistributed'),
    codeRedeemed: record('codeRedeemed'),
  } as unknown as SandboxWebhooks;
  return { webhooks, calls };
}

function state(programs: ProgramView[], redemptions: [string, [string, string][]][] = []): StateView {
  return {
    organizations: new Map([['org-1', { programs: new Map(programs.map((one) => [one.id, one])) }]]),
    redemptions: new Map(redemptions.map(([code, riders]) => [code, new Map(riders)])),
  };
}

const times = { organizationId: 'org-1', voucherProgramId: 'p1', startsAt: start, endsAt: start + 1_000, canceledAt: null };
const path = { organization_id: 'org-1', voucher_program_id: 'p1' };

describe('events raised by calls', () => {
  it('a created program is handed over with its times; an unknown one only re-reads the programs', () => {
    const { webhooks, calls } = recorder();
    raiseCallEvents(webhooks, state([program('p1')]), { operationId: 'createVoucherProgram', path, body: {}, answer: { status: 200, body: { voucher_program_id: 'p1' } } });
    raiseCallEvents(webhooks, state([]), { operationId: 'createIndividualVoucherProgram', path, body: {}, answer: { status: 200, body: {} } });
    expect(calls).toEqual([['programCreated', times], ['programsChanged']]);
  });

  it('updates and cancels move the timers; refused calls raise nothing', () => {
    const { webhooks, calls } = recorder();
    raiseCallEvents(webhooks, state([program('p1')]), { operationId: 'cancelVoucherProgram', path, body: {}, answer: { status: 204 } });
    raiseCallEvents(webhooks, state([program('p1')]), { operationId: 'updateVoucherProgram', path, body: {}, answer: { status: 400, body: {} } });
    raiseCallEvents(webhooks, state([program('p1')]), { operationId: 'getVoucherProgram', path, body: {}, answer: { status: 200, body: {} } });
    expect(calls).toEqual([['programsChanged']]);
  });

  it('a distribution names the guests holding the codes sent, canceled codes left out', () => {
    const guests = [
      { email: 'a@example.com', phone: null, codeIndex: 0 },
      { email: 'b@fail.example', phone: null, codeIndex: 1 },
      { email: 'c@example.com', phone: null, codeIndex: 2 },
      { email: 'no-code@example.com', phone: null, codeIndex: null },
    ];
    const { webhooks, calls } = recorder();
    const current = state([program('p1', guests, 2)]);
    raiseCallEvents(webhooks, current, { operationId: 'distributeVoucherCodes', path, body: {}, answer: { status: 200, body: {} } });
    raiseCallEvents(webhooks, current, { operationId: 'distributeVoucherCodes', path, body: { codes: ['code-1'] }, answer: { status: 200, body: {} } });
    expect(calls).toEqual([
      ['codesDistributed', times, guests.slice(0, 2)],
      ['codesDistributed', times, [guests[1]]],
    ]);
  });

  it('a redemption names the rider whose voucher the call made', () => {
    const { webhooks, calls } = recorder();
    const current = state([program('p1')], [['code-1', [['first@example.com', 'voucher-1'], ['rider@example.com', 'voucher-2']]]]);
    raiseCallEvents(webhooks, current, { operationId: 'redeemVoucherCode', path: {}, body: { code_text: 'bbb222' }, answer: { status: 200, body: { voucher_id: 'voucher-2' } } });
    raiseCallEvents(webhooks, current, { operationId: 'redeemVoucherCode', path: {}, body: { code_text: 'ZZZ999' }, answer: { status: 200, body: { voucher_id: 'voucher-9' } } });
    expect(calls).toEqual([['codeRedeemed', times, 'rider@example.com']]);
  });
});
