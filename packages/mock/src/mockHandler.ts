import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IHttpConfig, IHttpNameValue, IHttpNameValues, IHttpRequest, IHttpResponse, PrismHttpInstance } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import type { MockLogger } from './logger.js';
import { answerPayload } from './answerPayload.js';
import { errorAnswer, type ErrorAnswer } from './errorAnswer.js';
import { followPaging } from './paging.js';
import { findOperation, methodsForPath } from './prismRouting.js';
import { pairedExample, resolvePrefer } from './preferExample.js';
import { queryViolations } from './queryValues.js';
import { readRequestBody } from './requestBody.js';
import { readPreferences } from './requestPreferences.js';
import { tokenProblem } from './missingToken.js';
import { isUpstreamFailure, upstreamFailureAnswer, upstreamTimedOut, upstreamTimeoutAnswer, withinUpstreamTimeout } from './upstreamFailure.js';
import { describeViolations, isError, toViolations, type SpecViolation } from './violations.js';

export interface MockHandlerContext {
  operations: IHttpOperation[];
  prism: PrismHttpInstance;
  config: IHttpConfig;
  logger: MockLogger;
  maxBodyBytes: number;
  /** Called for each exchange that breaks the spec: the answer in mock mode, request or answer in proxy mode. */
  onViolations?: (request: { method: string; path: string }, violations: SpecViolation[]) => void;
  /** Proxy mode: called when the upstream could not be reached, did not answer in time, or answered with a 5xx. */
  onUpstreamFailure?: (request: { method: string; path: string }, reason: string) => void;
  /** Proxy mode: how long to wait for the upstream before answering 504; no limit when undefined. */
  upstreamTimeoutMs?: number;
  /** The answers come from a stateful engine (the sandbox): sent as they are, without example pairing or paging. */
  answersAreFinal?: boolean;
}

const noViolations: SpecViolation[] = [];

// Prism's violation header is capped below common 8 KiB header limits for the same reason.
const maxViolationHeaderLength = 8 * 1024 - 100;

/** Prism's request handling, with every answer Prism makes up on its own put into the spec's Error model. */
export function createMockHandler(context: MockHandlerContext): (request: IncomingMessage, reply: ServerResponse) => void {
  return (request, reply) => {
    handle(context, request, reply).catch((error: unknown) => {
      context.logger.error({ err: error }, 'mock failed to answer');
      if (!reply.headersSent) sendError(reply, errorAnswer(undefined, 500, `The mock failed to answer: ${(error as Error).message}`));
      else reply.destroy();
    });
  };
}

async function handle(context: MockHandlerContext, request: IncomingMessage, reply: ServerResponse): Promise<void> {
  const { operations, logger } = context;
  const method = (request.method ?? 'GET').toLowerCase();
  setCorsHeaders(request, reply);
  if (method === 'options' && request.headers.origin && request.headers['access-control-request-method']) {
    reply.setHeader('Access-Control-Allow-Methods', request.headers['access-control-request-method']);
    reply.setHeader('Vary', 'origin');
    reply.writeHead(204, { 'Content-Length': '0' }).end();
    return;
  }
  const url = requestTarget(request.url ?? '/');
  if (!url) {
    sendError(reply, errorAnswer(undefined, 404, `Not a path of this API: ${request.url}`));
    return;
  }
  const input: IHttpRequest = {
    // HEAD is a GET without a body; Node drops the body of a HEAD answer by itself.
    method: (method === 'head' ? 'get' : method) as IHttpRequest['method'],
    url: { path: url.pathname, query: queryOf(url.searchParams) },
    headers: request.headers as IHttpNameValue,
  };

  const operation = findOperation(operations, input);
  if (!operation) {
    const allowed = methodsForPath(operations, input);
    const message = allowed.length > 0
      ? `${method.toUpperCase()} is not an operation of ${url.pathname}; it supports ${allowed.join(', ')}`
      : `No operation matches ${method.toUpperCase()} ${url.pathname}`;
    if (allowed.length > 0) reply.setHeader('Allow', allowed.join(', '));
    reply.setHeader('Connection', 'close'); // the unread body is not worth reading
    sendError(reply, errorAnswer(undefined, 404, message));
    return;
  }

  const badQuery = url.search === '' ? noViolations : queryViolations(operation, url.searchParams);
  if (badQuery.length > 0 && !context.config.isProxy) {
    reply.setHeader('sl-violations', violationHeader(badQuery));
    reply.setHeader('Connection', 'close'); // the unread body is not worth reading
    sendError(reply, errorAnswer(operation, 400, describeViolations(badQuery), { violations: badQuery }));
    return;
  }

  const body = await readRequestBody(request, context.maxBodyBytes);
  if (body.kind === 'too-large') {
    reply.setHeader('Connection', 'close');
    sendError(reply, errorAnswer(operation, 413, `Request body is larger than ${body.limit} bytes`));
    return;
  }
  if (body.kind === 'malformed-json') {
    sendError(reply, errorAnswer(operation, 400, `Request body is not valid JSON: ${body.reason}`));
    return;
  }
  // Prism reads a null body as no body, so a JSON `null` would skip body validation altogether.
  if (body.kind === 'json' && body.value === null) {
    sendError(reply, errorAnswer(operation, 400, 'Request body is JSON null; send an object'));
    return;
  }
  input.body = body.kind === 'none' ? null : body.value;

  // A fresh copy each request: Prism writes the request's Accept into `config.mock`.
  let config: IHttpConfig = { ...context.config, mock: { ...context.config.mock } };
  // Most requests prefer nothing: no Prefer header and no `__code`-style query values to read.
  if (asksForPreferences(input)) {
    const preferences = await readPreferences(input);
    if (preferences._tag === 'Left') {
      sendError(reply, errorAnswer(operation, 400, `Invalid Prefer header: ${preferences.left.detail}`));
      return;
    }
    const prefer = context.config.isProxy ? { preferences: preferences.right } : resolvePrefer(operation, preferences.right);
    if ('refusal' in prefer) {
      sendError(reply, errorAnswer(operation, 400, prefer.refusal));
      return;
    }
    config = withPreferences(context.config, prefer.preferences);
  }
  // Routed already: handing Prism only that operation spares it routing among all of them again,
  // which was a fifth of the mock's time per request.
  const deadline = config.isProxy && context.upstreamTimeoutMs !== undefined ? { ms: context.upstreamTimeoutMs, upstream: config.upstream } : undefined;
  const pending = context.prism.request(input, [operation], config)();
  // The mock's own answers never wait on a timer.
  const result = deadline ? await withinUpstreamTimeout(pending, deadline.ms) : await pending;
  if (result === upstreamTimedOut) {
    const { reason, answer } = upstreamTimeoutAnswer(deadline!.ms, deadline!.upstream);
    if (context.onUpstreamFailure) context.onUpstreamFailure({ method: method.toUpperCase(), path: url.pathname }, reason);
    else logger.warn(`Upstream failed for ${method.toUpperCase()} ${url.pathname}: ${reason}`);
    sendError(reply, answer);
    return;
  }
  if (result._tag === 'Left') {
    const failure = result.left as Error & { status?: number; detail?: string };
    if (config.isProxy && isUpstreamFailure(failure)) {
      const { reason, answer } = upstreamFailureAnswer(failure, config.upstream);
      // Said once: by the hook when there is one (the proxy CLI prints its own line), else in the log.
      if (context.onUpstreamFailure) context.onUpstreamFailure({ method: method.toUpperCase(), path: url.pathname }, reason);
      else logger.warn(`Upstream failed for ${method.toUpperCase()} ${url.pathname}: ${reason}`);
      sendError(reply, answer);
      return;
    }
    logger.warn({ input }, `Prism could not answer: ${failure.detail ?? failure.message}`);
    // With the route found, what Prism refuses is the request itself (a Prefer or Accept it cannot meet).
    const status = (failure.status ?? 500) < 500 ? 400 : 500;
    sendError(reply, errorAnswer(operation, status, failure.detail ?? failure.message));
    return;
  }

  const { output, validations } = result.right;
  const requestViolations = [...badQuery, ...toViolations('request', validations.input)];
  const responseViolations = toViolations('response', validations.output);
  const violations = [...requestViolations, ...responseViolations];
  if (violations.length > 0) reply.setHeader('sl-violations', violationHeader(violations));
  // In proxy mode both sides are the partner's: their client's requests and their server's answers.
  const reportable = (config.isProxy ? violations : responseViolations).filter(isError);
  if (reportable.length > 0) {
    if (context.onViolations) context.onViolations({ method: method.toUpperCase(), path: url.pathname }, reportable);
    else logger.warn({ violations: reportable }, `Breaks the spec: ${describeViolations(reportable)}`);
  }
  if (responseViolations.some(isError)) {
    if (config.errors) {
      sendError(reply, errorAnswer(operation, 500, `The answer breaks the spec: ${describeViolations(responseViolations)}`, { violations: responseViolations }));
      return;
    }
  }
  // Prism answers an invalid request with a declared error status but an arbitrary example body.
  const invalidRequest = requestViolations.filter(isError);
  if (!config.isProxy && invalidRequest.length > 0 && output.statusCode >= 400) {
    const message = output.statusCode === 401 ? tokenProblem(request.headers.authorization) : describeViolations(invalidRequest);
    sendError(reply, errorAnswer(operation, output.statusCode, message, { violations: invalidRequest }));
    return;
  }
  if (context.answersAreFinal) return sendOutput(reply, output, false);
  // A proxy passes the upstream's pages on as they are; the mock's own pages follow the request.
  if (config.isProxy) {
    if (output.statusCode >= 500) context.onUpstreamFailure?.({ method: method.toUpperCase(), path: url.pathname }, `the upstream answered ${output.statusCode}`);
    return sendOutput(reply, output, false);
  }
  const chosen = config.mock.dynamic || config.mock.exampleKey !== undefined ? output : pairedExample(operation, input.body, output);
  sendOutput(reply, followPaging(operation, input, chosen), true);
}

/** What Prism's getHttpConfigFromRequest reads: a Prefer header, else four query values. */
function asksForPreferences(input: IHttpRequest): boolean {
  if (input.headers?.prefer) return true;
  const query = input.url.query;
  return query !== undefined && (query.__code !== undefined || query.__dynamic !== undefined || query.__seed !== undefined || query.__example !== undefined);
}

/** The server's mock settings with the request's `Prefer` settings on top. */
function withPreferences(base: IHttpConfig, preferences: Partial<IHttpConfig['mock']>): IHttpConfig {
  const mock = { ...base.mock };
  for (const [key, value] of Object.entries(preferences)) {
    if (value !== undefined) (mock as Record<string, unknown>)[key] = value;
  }
  return { ...base, mock };
}

function queryOf(searchParams: URLSearchParams): IHttpNameValues {
  const query: IHttpNameValues = {};
  if (searchParams.size === 0) return query;
  for (const key of new Set(searchParams.keys())) {
    const values = searchParams.getAll(key);
    query[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return query;
}

function setCorsHeaders(request: IncomingMessage, reply: ServerResponse): void {
  // Same CORS answer as `prism mock`, so browser-based tests work against the mock.
  reply.setHeader('Access-Control-Allow-Origin', request.headers.origin ?? '*');
  reply.setHeader('Access-Control-Allow-Headers', request.headers['access-control-request-headers'] ?? '*');
  reply.setHeader('Access-Control-Allow-Credentials', 'true');
  reply.setHeader('Access-Control-Expose-Headers', '*');
}

function violationHeader(violations: SpecViolation[]): string {
  const value = JSON.stringify(violations);
  return value.length > maxViolationHeaderLength ? `Too many violations! ${value.slice(0, maxViolationHeaderLength)}` : value;
}

const headerNames = new Map<string, string>();

/** A header name as HTTP writes it: Prism's `Content-type` goes out as `Content-Type`. */
function headerName(name: string): string {
  let written = headerNames.get(name);
  if (written === undefined) {
    written = name.replace(/(^|-)([a-z])/g, (_match, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`);
    // Bounded: only the names a proxied upstream invents are not the spec's few.
    if (headerNames.size < 1024) headerNames.set(name, written);
  }
  return written;
}

/** `reuse`: the body is a mock answer, unchanged once made, so its written text can be kept. */
function sendOutput(reply: ServerResponse, output: IHttpResponse, reuse: boolean): void {
  const headers = output.headers;
  if (headers) for (const name in headers) reply.setHeader(headerName(name), headers[name]!);
  const payload = answerPayload(output.body, reply.getHeader('content-type') as string | undefined, reuse);
  if (payload.length !== undefined) reply.setHeader('Content-Length', payload.length);
  reply.writeHead(output.statusCode).end(payload.text);
}

export function sendError(reply: ServerResponse, answer: ErrorAnswer): void {
  const payload = JSON.stringify(answer.body);
  reply.writeHead(answer.status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(payload),
  }).end(payload);
}

/**
 * The request target as a URL. An origin-form target ("/path?query") is always a path, even when
 * it starts with "//", which `new URL(target, base)` would take for a host; an absolute-form
 * target (as proxies send) is read as it is.
 */
function requestTarget(target: string): URL | undefined {
  try {
    return target.startsWith('/') ? new URL(`http://mock.invalid${target}`) : new URL(target);
  } catch {
    return undefined;
  }
}
