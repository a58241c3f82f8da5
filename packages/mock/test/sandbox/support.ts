import { VoucherProgramsClient } from '@voucher-programs/client';
import { expect } from 'vitest';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/index.js';

export const organizationId = '4d2c9b1e-6f0a-4c3b-8e7d-1a2b3c4d5e6f';
export const hourMs = 60 * 60 * 1000;
export const dayMs = 24 * hourMs;

/**
 * A sandbox for one test file: no port, a manual clock, strict (an answer that breaks the spec
 * becomes a 500, so the call fails) and every violation kept, so `expectNoViolations` can judge.
 */
export function testSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ listen: false, clock: 'manual', seed: 'sandbox-tests', strict: true, onViolation: () => {}, ...options });
}

/** The real client, through the sandbox's in-process fetch, with client credentials from its token endpoint. */
export function clientFor(sandbox: RunningSandbox, options: { organizationId?: string } = {}): VoucherProgramsClient {
  return new VoucherProgramsClient({
    baseUrl: sandbox.url,
    fetch: sandbox.fetch,
    organizationId: options.organizationId ?? organizationId,
    auth: { type: 'clientCredentials', clientId: 'partner-app', clientSecret: 'partner-secret', tokenUrl: sandbox.tokenUrl },
    retry: false,
  });
}

export function expectNoViolations(sandbox: RunningSandbox): void {
  expect(sandbox.violations, 'answers that break the spec').toEqual([]);
}

/** A valid multi-code program starting `startsInMs` from the sandbox's now. */
export function multiCodeProgram(sandbox: RunningSandbox, numberOfCodes: number, { startsInMs = hourMs, lastsMs = 30 * dayMs, name = 'Offsite rides' } = {}) {
  const now = sandbox.clock.now();
  return {
    name,
    currency_code: 'USD',
    code_scheme: 'MULTI_CODE_SINGLE_REDEEM',
    voucher_type: 'PERSONAL_TRANSPORT',
    starts_at: now + startsInMs,
    ends_at: now + startsInMs + lastsMs,
    number_of_codes: numberOfCodes,
    value_per_trip_max_amount: 25,
  } as const;
}

export function singleCodeProgram(sandbox: RunningSandbox, redemptions: number, { startsInMs = hourMs, lastsMs = 30 * dayMs, name = 'Team dinner' } = {}) {
  const now = sandbox.clock.now();
  return {
    name,
    currency_code: 'EUR',
    code_scheme: 'SINGLE_CODE_MULTI_REDEEM',
    voucher_type: 'EATS',
    starts_at: now + startsInMs,
    ends_at: now + startsInMs + lastsMs,
    redemptions_per_code: redemptions,
    value_per_trip_max_amount: 40,
  } as const;
}
