import type { components } from '@voucher-programs/spec';
import type { AuthorizationCode, IssuedToken } from '../oauth/index.js';

export type Schemas = components['schemas'];
export type ProgramSettings = Schemas['VoucherProgramCreate'];
// openapi-typescript reads the create schema's `anyOf` of required lists as `unknown`; the
// update schema lists the same fields (and creator_email is the one create-only field).
export type TemplateSettings = Schemas['VoucherProgramTemplateUpdate'] & { creator_email?: string };

export interface CodeRecord {
  id: string;
  text: string;
  maxRedemptions: number;
  usageCount: number;
  usageAmount: number;
  /** Claimed: a guest was given the code and told about it; claimed codes cannot be canceled. */
  claimed: boolean;
  canceledAt: number | null;
}

/** Codes being made: they exist once the sandbox clock reaches `readyAt`. */
export interface GenerationJob {
  /** Serial number of the job's first code; code serials are global, so code texts never repeat. */
  firstSerial: number;
  count: number;
  readyAt: number;
}

export interface GuestRecord {
  email: string | null;
  phone: string | null;
  /** Index into the program's codes of the code the guest was given, if any. */
  codeIndex: number | null;
}

export interface ProgramRecord {
  id: string;
  organizationId: string;
  createdAt: number;
  canceledAt: number | null;
  settings: ProgramSettings;
  codes: CodeRecord[];
  jobs: GenerationJob[];
  guests: GuestRecord[];
  /** The first code that may still be handed to a new guest (codes are handed out in order). */
  nextCodeIndex: number;
}

export interface TemplateRecord {
  uuid: string;
  organizationId: string;
  createdAt: number;
  settings: TemplateSettings;
}

/** A simulated trip: RUNNING until the sandbox clock reaches `completesAt`, then COMPLETED. */
export interface TripRunRecord {
  runId: string;
  tripId: string;
  riderEmail: string;
  productType: string;
  startedAt: number;
  completesAt: number;
  /** Set once the run's completion has been applied: the voucher the trip used, or null for none. */
  voucher?: { codeId: string; amount: number } | null;
}

export interface OrganizationRecord {
  /** Insertion order is creation order: search pages read it as the stable order. */
  programs: Map<string, ProgramRecord>;
  templates: Map<string, TemplateRecord>;
}

/** An issued token with the rider (or app) it acts for; it expires on the sandbox clock. */
export interface TokenRecord extends IssuedToken {
  subject: string;
}

/** OAuth state, kept with the rest so tokens survive a restart from a state file. */
export interface OAuthState {
  tokens: Map<string, TokenRecord>;
  refreshTokens: Map<string, string>;
  codes: Map<string, AuthorizationCode & { subject: string }>;
}

export interface SandboxState {
  organizations: Map<string, OrganizationRecord>;
  oauth: OAuthState;
  /** Per code id: rider → the voucher id their redeem created. */
  redemptions: Map<string, Map<string, string>>;
  /** Trip runs of the sandbox-only calls, by run id. */
  runs: Map<string, TripRunRecord>;
  /** Counters that name things: the n-th program, template, code serial, token, run. */
  serials: { program: number; template: number; code: number; token: number; run: number };
}

export function emptyState(): SandboxState {
  return { organizations: new Map(), oauth: { tokens: new Map(), refreshTokens: new Map(), codes: new Map() }, redemptions: new Map(), runs: new Map(), serials: { program: 0, template: 0, code: 0, token: 0, run: 0 } };
}

export function organization(state: SandboxState, organizationId: string): OrganizationRecord {
  let found = state.organizations.get(organizationId);
  if (!found) {
    // Any organization id is one the caller may use; it simply starts empty.
    found = { programs: new Map(), templates: new Map() };
    state.organizations.set(organizationId, found);
  }
  return found;
}
