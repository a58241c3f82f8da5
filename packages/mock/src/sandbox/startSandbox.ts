// First: Prism must find the lazy faker when it loads.
import '../lazyFaker.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IHttpOperation } from '@stoplight/types';
import { listen, type Listening } from '../listen.js';
import { withAccessLog } from '../accessLog.js';
import { bundledSpecPath, sandboxControlSpecPath } from '../bundledSpec.js';
import { createMockLogger } from '../logger.js';
import type { LogFormat, LogLevel } from '../mockOptions.js';
import { createTokenEndpoint, createTokenHandler, tokenPath, type OAuthClient, type TokenEndpoint } from '../oauth/index.js';
import { withOwnRoutes } from '../ownRoutes.js';
import { createPrismConfig } from '../prismConfig.js';
import { defaultMaxBodyBytes } from '../requestBody.js';
import { loadSpecOperations } from '../specOperations.js';
import type { ViolationReport } from '../startProxy.js';
import { describeViolations } from '../violations.js';
import { authorizePath, createAuthorizeHandler } from './authorizeEndpoint.js';
import { createClock, type ClockMode, type SandboxClock } from './clock.js';
import { CodeGeneration, createCodeFactory, defaultCodeGenerationTiming, type CodeGenerationTiming } from './codeGeneration.js';
import { createCodeText } from './codeText.js';
import { defaultLimits, type EngineContext } from './context.js';
import { isControlOperation, runControl } from './control.js';
import { isOperationId, runOperation } from './engine.js';
import { createEngineMock, type MockComponent } from './engineMock.js';
import { createEnginePipeline } from './enginePipeline.js';
import { createRandomSource } from './random.js';
import { SandboxStateError, readStateFile, writeStateFile } from './stateFile.js';
import { emptyState } from './state.js';
import { createSandboxTokenStore } from './tokenStore.js';
import type { FetchFunction } from './inProcessFetch.js';
import { createInProcessFetch } from './inProcessFetch.js';
import type { FaultPlan } from './faults/faultPlan.js';
import type { SandboxFaultOptions } from './faults/faultRule.js';
import { createSandboxFaults } from './faults/sandboxFaults.js';
import { completeTripRuns } from './tripRuns.js';
// Declarations import only what the public types need, so a partner's type-check never reaches Prism's.
import { allProgramTimes, programTimes, raiseCallEvents } from './webhooks/engineEvents.js';
import { createSandboxWebhooks, type SandboxWebhooks } from './webhooks/sandboxWebhooks.js';
import type { SandboxWebhookOptions } from './webhooks/sandboxWebhookOptions.js';
import { seededNumbers } from './webhooks/seededNumbers.js';
import type { WebhookOutbox } from './webhooks/webhookOutbox.js';

export interface SandboxOptions extends SandboxWebhookOptions, SandboxFaultOptions {
  /** Listen on a loopback port (the default) so any HTTP client reaches it; false keeps it to the in-process `fetch`. */
  listen?: boolean;
  /** 0 (the default) takes any free port. */
  port?: number;
  host?: string;
  /** Every id, code and token follows from the seed: the same calls give the same answers on every run. Random by default. */
  seed?: string | number;
  /** `real` (default) follows wall time; `manual` moves only when told (clock.advance, POST /__sandbox/clock/advance). */
  clock?: ClockMode;
  /** Where the clock starts (milliseconds since the epoch); the wall time by default. */
  startMs?: number;
  /** Load the state from this file at start (if it exists) and write it there, atomically, on stop. */
  stateFile?: string;
  /** How long codes take on the sandbox clock: baseMs + perCodeMs × count (default 2000 + 0.5 × count). */
  codeGeneration?: Partial<CodeGenerationTiming>;
  /** Codes one program may hold, made and being made (default 100,000). */
  maxCodesPerProgram?: number;
  /** Registered OAuth apps (any id and secret get a token without them) and the token endpoint's hourly limit (100). */
  oauth?: { clients?: readonly OAuthClient[]; requestsPerHour?: number };
  /** `error` by default, as for the mock; `info` logs one line per request. */
  logLevel?: LogLevel;
  /** `pretty` (default) or `json` lines. */
  logFormat?: LogFormat;
  maxBodyBytes?: number;
  /** Answer 500 `internal_server_error` instead of an answer that breaks the spec (for test suites). */
  strict?: boolean;
  /** Called for every answer that breaks the spec, as it happens; without it each is printed to stderr. */
  onViolation?: (report: ViolationReport) => void;
  /**
   * On by default: the mock's shortcuts that hold for a stateful API (routing, path templates,
   * operations read at build time). Answers are never reused. Off only to measure them.
   */
  fastPaths?: boolean;
}

export interface RunningSandbox {
  /** The base URL for a client: a loopback URL, or `http://sandbox.invalid` without `listen`. */
  url: string;
  /** `url` + `/oauth/v2/token`: the client's `tokenUrl`. */
  tokenUrl: string;
  /** `url` + `/oauth/v2/authorize`: consents at once and redirects with a code. */
  authorizeUrl: string;
  /** Fetch straight into the sandbox, in this process, without a socket. */
  fetch: FetchFunction;
  clock: SandboxClock;
  /** The seed in use: pass it back as `seed` to replay a run. */
  seed: string;
  /** The token endpoint: check a token, or record a consent. */
  tokens: TokenEndpoint;
  /** Every answer that broke the spec so far; a test suite asserts it stays empty. */
  readonly violations: readonly ViolationReport[];
  /** The webhook outbox: `deliveries()`, `retryNow()`, `whenIdle()` (also at /__sandbox/webhooks/). */
  webhooks: WebhookOutbox;
  /** The fault plan: `add(rule)`, `rules()`, `clear()` (also at /__sandbox/faults). */
  faults: FaultPlan;
  /** Forgets every program and template; tokens and the clock stay. */
  reset(): void;
  /** Writes the state to `path` (default: the `stateFile` option), atomically. */
  saveState(path?: string): Promise<void>;
  /** Stops serving and, with `stateFile`, writes the state. */
  stop(): Promise<void>;
}

/** The reserved prefix of the control API: never a path of Uber's API. */
export const controlPrefix = '/__sandbox/';
const unlistenedUrl = 'http://sandbox.invalid';

/**
 * Starts the sandbox: the Voucher Programs API with state, rules and a clock, behind the mock's
 * validation and error model. `const sandbox = await startSandbox({ clock: 'manual' }); … await sandbox.stop()`.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const saved = options.stateFile ? await readStateFile(options.stateFile) : undefined;
  const seed = options.seed === undefined ? saved?.seed : String(options.seed);
  if (saved && seed !== saved.seed) {
    throw new SandboxStateError(`the state file ${options.stateFile} was made with seed "${saved.seed}", not "${seed}"; drop --seed or the file`);
  }
  const random = createRandomSource(seed);
  const mode = options.clock ?? 'real';
  // A restarted sandbox never goes back in time: a manual clock resumes where it was saved.
  const startMs = options.startMs ?? (saved ? (mode === 'manual' ? saved.savedAt : Math.max(Date.now(), saved.savedAt)) : undefined);
  const clock = createClock({ mode, ...(startMs !== undefined ? { startMs } : {}) });
  const codes = createCodeFactory(random, createCodeText(random));
  const context: EngineContext = {
    state: saved?.state ?? emptyState(),
    clock,
    random,
    codes,
    generation: new CodeGeneration(codes, { ...defaultCodeGenerationTiming, ...options.codeGeneration }),
    limits: { ...defaultLimits, ...(options.maxCodesPerProgram !== undefined ? { maxCodesPerProgram: options.maxCodesPerProgram } : {}) },
  };
  for (const organization of context.state.organizations.values()) {
    for (const program of organization.programs.values()) for (const job of program.jobs) context.generation.prepare(job);
  }

  const tokens = createTokenEndpoint({
    now: clock.now,
    ...(options.oauth?.clients ? { clients: options.oauth.clients } : {}),
    ...(options.oauth?.requestsPerHour !== undefined ? { requestsPerHour: options.oauth.requestsPerHour } : {}),
    store: createSandboxTokenStore(() => context.state.oauth),
    newSecret: () => random.bytes(`secret:${context.state.serials.token++}`).toString('base64url'),
  });

  const reset = () => {
    context.generation.stop();
    context.generation = new CodeGeneration(codes, { ...defaultCodeGenerationTiming, ...options.codeGeneration });
    // Serials restart too, so a reset sandbox with the same seed gives the same ids again.
    context.state = { ...emptyState(), oauth: context.state.oauth, serials: { ...emptyState().serials, token: context.state.serials.token } };
  };

  const violations: ViolationReport[] = [];
  const logger = createMockLogger(options.logLevel ?? 'error', options.logFormat);
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const config = { ...createPrismConfig({}), errors: options.strict ?? false };
  const onViolations = (request: { method: string; path: string }, found: ViolationReport['violations']) => {
    const report = { ...request, violations: found };
    violations.push(report);
    if (options.onViolation) options.onViolation(report);
    else process.stderr.write(`sandbox: the answer to ${request.method} ${request.path} breaks the spec: ${describeViolations(found)}\n`);
  };
  const fastPaths = options.fastPaths ?? true;
  const served = (operations: IHttpOperation[], mock: MockComponent) => createEnginePipeline({ operations, mock, config, logger, maxBodyBytes, onViolations, fastPaths });
  const apiOperations = await loadSpecOperations(bundledSpecPath, { precomputed: fastPaths });
  // Created once the URL is known (resource_href points back here); no call arrives before that.
  let webhooks: SandboxWebhooks | undefined;
  // Trips that ended by now use the rider's voucher before any call reads the state (a real clock moves without telling).
  const completeTrips = (now: number) => {
    for (const trip of completeTripRuns(context, now)) webhooks?.codeRedeemed(programTimes(trip.program), trip.run.riderEmail, trip.run.completesAt);
  };
  clock.onChange(completeTrips);
  const runAndRaise = (request: Parameters<typeof runOperation>[1]) => {
    completeTrips(clock.now());
    const answer = runOperation(context, request);
    if (webhooks) raiseCallEvents(webhooks, context.state, { ...request, answer });
    return answer;
  };
  const faults = createSandboxFaults({
    random: (fromDraw) => seededNumbers(random, 'fault-rate', fromDraw),
    operations: apiOperations,
    rules: options.faults,
    ...(saved?.faults !== undefined ? { state: saved.faults } : {}),
    isOwnPath: (path) => path.startsWith(controlPrefix),
  });
  const controlTarget = { clock, reset, faults: faults.plan, get webhooks() { return webhooks!.outbox; } };
  const api = faults.wrap(served(apiOperations, createEngineMock(isOperationId, runAndRaise)));
  const control = served(await loadSpecOperations(sandboxControlSpecPath, { precomputed: fastPaths }), createEngineMock(isControlOperation, (request) => runControl(controlTarget, request)));
  const handler = withAccessLog(logger, withOwnRoutes(
    { [tokenPath]: createTokenHandler(tokens, maxBodyBytes), [authorizePath]: createAuthorizeHandler(tokens) },
    (request: IncomingMessage, reply: ServerResponse) => ((request.url ?? '').startsWith(controlPrefix) ? control : api)(request, reply),
  ));

  let open = true;
  const server: Listening | undefined = options.listen === false ? undefined : await listen(handler, options.port ?? 0, options.host ?? '127.0.0.1');
  const url = server?.url ?? unlistenedUrl;
  webhooks = createSandboxWebhooks({
    clock,
    programs: () => allProgramTimes(context.state),
    eventId: (serial) => random.uuid(`webhook-event:${serial}`),
    random: seededNumbers(random, 'webhook-shuffle'),
    apiBaseUrl: url,
    webhookUrls: options.webhookUrls ?? [],
    signingKey: options.signingKey,
    ...(options.deliverTwice !== undefined ? { deliverTwice: options.deliverTwice } : {}),
    ...(options.shuffle !== undefined ? { shuffle: options.shuffle } : {}),
    ...(options.webhookTimeoutMs !== undefined ? { timeoutMs: options.webhookTimeoutMs } : {}),
    ...(options.onWebhookAttempt ? { onAttempt: options.onWebhookAttempt } : {}),
    ...(saved?.webhooks !== undefined ? { state: saved.webhooks } : {}),
  });
  const saveState = async (path = options.stateFile) => {
    if (!path) throw new SandboxStateError('no state file to write: pass a path or start with stateFile');
    await writeStateFile(path, { seed: random.seed, savedAt: clock.now(), state: context.state, webhooks: webhooks!.snapshot(), faults: faults.plan.snapshot() });
  };
  let stopped: Promise<void> | undefined;
  return {
    url,
    tokenUrl: `${url}${tokenPath}`,
    authorizeUrl: `${url}${authorizePath}`,
    fetch: createInProcessFetch(handler, () => open),
    clock,
    seed: random.seed,
    tokens,
    violations,
    webhooks: webhooks.outbox,
    faults: faults.plan,
    reset,
    saveState,
    stop() {
      stopped ??= (async () => {
        open = false;
        context.generation.stop();
        await server?.stop();
        // Closed before saving: an attempt cut short is saved as still pending, so it is sent again.
        await webhooks!.close();
        if (options.stateFile) await saveState();
      })();
      return stopped;
    },
  };
}
