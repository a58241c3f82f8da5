import type { EngineContext } from './context.js';
import { ApiFailure } from './failure.js';
import { cancelCodes, distributeCodes, generateCodes, getCodes } from './codes.js';
import { createProgramFromTemplate } from './fromTemplate.js';
import { addGuests, getGuests } from './guests.js';
import { createIndividualProgram } from './individual.js';
import { cancelProgram, getProgram, insertProgram, searchPrograms, updateProgram } from './programs.js';
import { redeemCode } from './redeem.js';
import { authorize, type OperationId } from './scopes.js';
import type { ValidatedRequest } from './engineMock.js';
import type { TokenRecord } from './state.js';
import { createTripRun, getTripRun } from './tripRuns.js';
import { createTemplate, getTemplate, listTemplates, updateTemplate } from './templates.js';

export type EngineRequest = ValidatedRequest<OperationId>;

export interface EngineAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (context: EngineContext, request: EngineRequest, token: TokenRecord) => EngineAnswer;

const ok = (body: unknown): EngineAnswer => ({ status: 200, body });
const flag = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) === 'true';
const whole = (value: string | string[] | undefined) => (value === undefined ? undefined : Number(Array.isArray(value) ? value[0] : value));
const text = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const org = (request: EngineRequest) => request.path['organization_id']!;
const program = (request: EngineRequest) => request.path['voucher_program_id']!;
const template = (request: EngineRequest) => request.path['template_id']!;
const page = (request: EngineRequest) => {
  const limit = whole(request.query['limit']);
  const token = text(request.query['page_token']);
  return { ...(limit !== undefined ? { limit } : {}), ...(token !== undefined ? { page_token: token } : {}) };
};

/** Every operation of the spec, by operationId; the compiler fails if one is missing. */
const handlers: Record<OperationId, Handler> = {
  createVoucherProgram: (c, r) => ok(insertProgram(c, org(r), r.body)),
  createVoucherProgramFromTemplate: (c, r) => ok(createProgramFromTemplate(c, org(r), r.body)),
  createIndividualVoucherProgram: (c, r) => ok(createIndividualProgram(c, org(r), r.body)),
  getVoucherProgram: (c, r) => ok(getProgram(c, org(r), program(r), flag(r.query['include_guests']))),
  updateVoucherProgram: (c, r) => ok(updateProgram(c, org(r), program(r), r.body)),
  cancelVoucherProgram: (c, r) => (cancelProgram(c, org(r), program(r)), { status: 204 }),
  searchVoucherPrograms: (c, r) => ok(searchPrograms(c, org(r), r.body)),
  getVoucherCodes: (c, r) => ok(getCodes(c, org(r), program(r), flag(r.query['include_usage']))),
  generateVoucherCodes: (c, r) => ok(generateCodes(c, org(r), program(r), r.body)),
  cancelVoucherCodes: (c, r) => ok(cancelCodes(c, org(r), program(r), r.body)),
  distributeVoucherCodes: (c, r) => ok(distributeCodes(c, org(r), program(r), r.body ?? {})),
  addGuests: (c, r) => ok(addGuests(c, org(r), program(r), r.body)),
  getGuests: (c, r) => ok(getGuests(c, org(r), program(r), page(r))),
  listVoucherProgramTemplates: (c, r) => ok(listTemplates(c, org(r), page(r))),
  createVoucherProgramTemplate: (c, r) => ok(createTemplate(c, org(r), r.body)),
  getVoucherProgramTemplate: (c, r) => ok(getTemplate(c, org(r), template(r))),
  updateVoucherProgramTemplate: (c, r) => ok(updateTemplate(c, org(r), template(r), r.body)),
  redeemVoucherCode: (c, r, token) => ok(redeemCode(c, token.subject, r.body)),
  createSandboxTripRun: (c, r) => ok(createTripRun(c, r.body)),
  getSandboxRun: (c, r) => ok(getTripRun(c, r.path['run_id']!)),
};

/** Runs one validated request against the state; a broken rule becomes the API's error answer. */
export function runOperation(context: EngineContext, request: EngineRequest): EngineAnswer {
  try {
    const token = authorize(context, request.operationId, request.authorization);
    return handlers[request.operationId](context, request, token);
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    return { status: error.status, body: { code: error.code, message: error.message }, headers: error.headers };
  }
}

export function isOperationId(id: string | undefined): id is OperationId {
  return id !== undefined && Object.hasOwn(handlers, id);
}
