import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { AuthorizationCode } from '../oauth/index.js';
import type { OrganizationRecord, ProgramRecord, SandboxState, TemplateRecord, TokenRecord, TripRunRecord } from './state.js';

const format = 'voucher-programs-sandbox-state';
const version = 1;

/** What a state file holds: the state, the seed its ids came from, and the time it was saved at. */
export interface SavedSandbox {
  seed: string;
  savedAt: number;
  state: SandboxState;
  /** The webhook outbox and how far program starts and ends were reported (checked when the sandbox starts). */
  webhooks?: unknown;
  /** The fault rules in force and the rate rules' place in the seeded sequence (checked when the sandbox starts). */
  faults?: unknown;
}

interface StateFileV1 {
  format: typeof format;
  version: typeof version;
  seed: string;
  savedAt: number;
  serials: SandboxState['serials'];
  organizations: [string, { programs: ProgramRecord[]; templates: TemplateRecord[] }][];
  oauth: { tokens: TokenRecord[]; refreshTokens: [string, string][]; codes: (AuthorizationCode & { subject: string })[] };
  redemptions: [string, [string, string][]][];
  runs: TripRunRecord[];
  webhooks?: unknown;
  /** Absent from files written before fault rules were saved: those start with none. */
  faults?: unknown;
}

/** The sandbox problem a state file has, named so the partner can fix or delete the file. */
export class SandboxStateError extends Error {
  override readonly name = 'SandboxStateError';
}

export function serializeSandbox(saved: SavedSandbox): string {
  const { state } = saved;
  const file: StateFileV1 = {
    format,
    version,
    seed: saved.seed,
    savedAt: saved.savedAt,
    serials: state.serials,
    organizations: [...state.organizations].map(([id, organization]) => [id, { programs: [...organization.programs.values()], templates: [...organization.templates.values()] }]),
    oauth: { tokens: [...state.oauth.tokens.values()], refreshTokens: [...state.oauth.refreshTokens], codes: [...state.oauth.codes.values()] },
    redemptions: [...state.redemptions].map(([codeId, riders]) => [codeId, [...riders]]),
    runs: [...state.runs.values()],
    ...(saved.webhooks !== undefined ? { webhooks: saved.webhooks } : {}),
    ...(saved.faults !== undefined ? { faults: saved.faults } : {}),
  };
  return JSON.stringify(file);
}

export function deserializeSandbox(text: string, source = 'the state'): SavedSandbox {
  let file: StateFileV1;
  try {
    file = JSON.parse(text) as StateFileV1;
  } catch (error) {
    throw new SandboxStateError(`${source} is not JSON: ${(error as Error).message}`);
  }
  if (file?.format !== format) throw new SandboxStateError(`${source} is not a sandbox state file (no "format": "${format}")`);
  if (file.version !== version) throw new SandboxStateError(`${source} has version ${String(file.version)}; this sandbox reads version ${version}`);
  const organizations = new Map<string, OrganizationRecord>();
  for (const [id, { programs, templates }] of file.organizations) {
    organizations.set(id, {
      programs: new Map(programs.map((program) => [program.id, program])),
      templates: new Map(templates.map((template) => [template.uuid, template])),
    });
  }
  return {
    seed: file.seed,
    savedAt: file.savedAt,
    state: {
      organizations,
      serials: file.serials,
      oauth: {
        tokens: new Map(file.oauth.tokens.map((token) => [token.accessToken, token])),
        refreshTokens: new Map(file.oauth.refreshTokens),
        codes: new Map(file.oauth.codes.map((code) => [code.code, code])),
      },
      redemptions: new Map(file.redemptions.map(([codeId, riders]) => [codeId, new Map(riders)])),
      runs: new Map(file.runs.map((run) => [run.runId, run])),
    },
    ...(file.webhooks !== undefined ? { webhooks: file.webhooks } : {}),
    ...(file.faults !== undefined ? { faults: file.faults } : {}),
  };
}

/** Reads a state file; undefined when there is none yet (the first run of `--state FILE`). */
export async function readStateFile(path: string): Promise<SavedSandbox | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SandboxStateError(`cannot read the state file ${path}: ${(error as Error).message}`);
  }
  return deserializeSandbox(text, `the state file ${path}`);
}

/** Writes beside the target, then renames: a crash mid-write leaves the previous file whole. */
export async function writeStateFile(path: string, saved: SavedSandbox): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, serializeSandbox(saved));
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new SandboxStateError(`cannot write the state file ${path}: ${(error as Error).message}`);
  }
}
