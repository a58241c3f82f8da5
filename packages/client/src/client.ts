import type { paths } from '@voucher-programs/spec';
import { clientOperations } from '@voucher-programs/spec/operations';
import createClient, { createQuerySerializer, type Client } from 'openapi-fetch';
import { tokenSourceFor, type Auth, type TokenSource } from './auth.js';
import { TokenEndpoint } from './token-endpoint.js';
import { InvalidResponseError, VoucherProgramsError } from './errors.js';
import { apiErrorFrom, transportErrorFrom } from './error-mapping.js';
import { paginate, type Pagination } from './paginate.js';
import { defaultRetryPolicy, type RetryPolicy } from './retry.js';
import { CallState, createTransport, PendingRequest, type FetchLike, type TransportCall } from './transport.js';
import type {
  CodeGenerationOperationId,
  NamedGroups,
  OperationArgs,
  OperationId,
  OperationInit,
  OperationResult,
  PageItem,
  PaginatedOperationId,
} from './types.js';
import { clientVersion } from './version.js';
import { waitForCodes, type WaitForCodesOptions } from './wait-for-codes.js';

/** The spec's servers. Any other URL (a mock, a proxy) works too. */
export const baseUrls = {
  production: 'https://api.uber.com',
  sandbox: 'https://sandbox-api.uber.com',
} as const;

export interface VoucherProgramsClientOptions {
  /** `baseUrls.production`, `baseUrls.sandbox`, or any URL such as a local mock. */
  baseUrl: string;
  /** Filled into every organization call; a call may still pass its own `path.organization_id`. */
  organizationId?: string;
  /** The organization's token (client credentials, a static token or a provider). Without it, calls carry no Authorization. */
  auth?: Auth;
  /** The rider's token for redeem (`vouchers.redeem`); a redeem call may pass `accessToken` instead. */
  userAuth?: Auth;
  /**
   * Your own fetch (a proxy agent, a test double, `loggingFetch` from `@voucher-programs/client/logging`);
   * it receives one Request per attempt and per token request. Default globalThis.fetch.
   */
  fetch?: FetchLike;
  /** Per attempt, headers and body included. Default 60 000 ms; Infinity for none. */
  timeoutMs?: number;
  /** The whole call: attempts, token requests and waits between retries. Default 180 000 ms; Infinity for none. */
  deadlineMs?: number;
  /** Retry policy for operations marked `x-idempotent: true`; `false` turns retries off. */
  retry?: Partial<RetryPolicy> | false;
  /** Sent as Accept-Language (Uber's examples use `en_US`). */
  acceptLanguage?: string;
  /** Put in front of this client's own User-Agent. */
  userAgent?: string;
}

const knownServers: readonly string[] = Object.values(baseUrls);
type OperationEntry = (typeof clientOperations)[OperationId];
const rawVerbs = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;
type RawVerb = (typeof rawVerbs)[number];
/** openapi-fetch's own typed calls: `{ data, error, response }`, never a throw for an HTTP error. */
export type RawMethods = Pick<Client<paths>, RawVerb>;

const routes = new Map<string, [OperationId, OperationEntry]>(
  Object.entries(clientOperations).map(([id, op]) => [`${op.method.toUpperCase()} ${op.path}`, [id as OperationId, op as OperationEntry]]),
);

const asIs = (body: unknown): unknown => body;

function mergeRetry(policy: Partial<RetryPolicy> | false | undefined, base: RetryPolicy | false): RetryPolicy | false {
  if (policy === false) return false;
  if (policy === undefined) return base;
  return { ...(base || defaultRetryPolicy), ...policy };
}

export interface VoucherProgramsClient extends NamedGroups, RawMethods {}

/**
 * The Voucher Programs API client. Named methods (`client.codes.getVoucherCodes(…)`) return the
 * data and throw typed errors; the raw `client.GET/POST/PATCH(path, init)` keep openapi-fetch's
 * `{ data, error }`. Both share auth, timeouts and retries.
 */
export class VoucherProgramsClient {
  readonly baseUrl: string;
  readonly organizationId: string | undefined;
  readonly #fetchClient: Client<paths>;
  readonly #fetch: FetchLike | undefined;
  readonly #tokens: TokenSource | undefined;
  readonly #userTokens: TokenSource | undefined;
  readonly #timeoutMs: number;
  readonly #deadlineMs: number;
  readonly #retry: RetryPolicy | false;
  /** Each operation's settings without per-call overrides: worked out once, not per call. */
  readonly #defaults = new Map<string, TransportCall>();

  constructor(options: VoucherProgramsClientOptions) {
    try {
      this.baseUrl = new URL(options.baseUrl).href.replace(/\/$/, '');
    } catch {
      throw new VoucherProgramsError(`baseUrl is not an absolute URL: ${String(options.baseUrl)}`);
    }
    this.organizationId = options.organizationId;
    this.#fetch = options.fetch;
    this.#timeoutMs = positive(options.timeoutMs, 60_000, 'timeoutMs');
    this.#deadlineMs = positive(options.deadlineMs, 180_000, 'deadlineMs');
    this.#retry = mergeRetry(options.retry, defaultRetryPolicy);
    const endpoint = (url: string) => new TokenEndpoint(url, options.fetch ?? ((request, init) => globalThis.fetch(request, init)), this.#timeoutMs);
    this.#tokens = options.auth && tokenSourceFor(options.auth, endpoint);
    this.#userTokens = options.userAuth && tokenSourceFor(options.userAuth, endpoint);
    this.#fetchClient = createClient<paths>({
      baseUrl: this.baseUrl,
      headers: {
        Accept: 'application/json',
        'User-Agent': `${options.userAgent ? `${options.userAgent} ` : ''}voucher-programs-client/${clientVersion}`,
        'Accept-Language': options.acceptLanguage,
      },
      // openapi-fetch's own serializer, made once: given no serializer, it makes one per call.
      querySerializer: createQuerySerializer(),
    });
    const groups = this as unknown as Record<string, Record<string, unknown>>;
    for (const [operationId, op] of Object.entries(clientOperations)) {
      groups[op.tag] ??= {};
      groups[op.tag]![operationId] = (init?: Record<string, unknown>) => this.#call(operationId as OperationId, init);
    }
  }

  static {
    for (const verb of rawVerbs) {
      Object.defineProperty(this.prototype, verb, {
        configurable: true,
        writable: true,
        value(this: VoucherProgramsClient, url: string, init?: Record<string, unknown>) {
          return this.#raw(verb, url, init);
        },
      });
    }
  }

  /** Calls an operation by its operationId; what the named methods do. */
  call<K extends OperationId>(operationId: K, ...init: OperationArgs<K>): Promise<OperationResult<K>> {
    return this.#call(operationId, init[0]) as Promise<OperationResult<K>>;
  }

  /**
   * Every item of a paged operation (its spec has `x-pagination`), page after page as you iterate:
   * `for await (const program of client.paginate('searchVoucherPrograms', { body: { limit: 100, offset: 0 } }))`.
   */
  paginate<K extends PaginatedOperationId>(operationId: K, ...init: OperationArgs<K>): AsyncGenerator<PageItem<K>, void, undefined> {
    const pagination = clientOperations[operationId].pagination as Pagination;
    return paginate((pageInit) => this.#call(operationId, pageInit) as Promise<Record<string, unknown>>, pagination, operationId, init[0] ?? {});
  }

  /** Calls get-codes or add-guests until the codes exist (no more `409 code_generation_in_progress`). */
  waitForCodes<K extends CodeGenerationOperationId>(operationId: K, init: OperationInit<K>, options: WaitForCodesOptions = {}): Promise<OperationResult<K>> {
    const signal = init.signal ?? options.signal;
    return waitForCodes(() => this.#call(operationId, { ...init, signal }) as Promise<OperationResult<K>>, operationId, { ...options, signal });
  }

  /** What `util.inspect` shows: where the client points, not its dozens of methods. */
  [Symbol.for('nodejs.util.inspect.custom')](): object {
    return { baseUrl: this.baseUrl, organizationId: this.organizationId };
  }

  #settings(operationId: string | undefined, op: OperationEntry | undefined, options: Record<string, any>): TransportCall {
    return {
      operationId,
      idempotent: op?.idempotent ?? false,
      // The rider's token for operations that need the rider scope (redeem); the organization's otherwise.
      tokens: op?.riderToken ? this.#userTokens : this.#tokens,
      timeoutMs: positive(options.timeoutMs, this.#timeoutMs, 'timeoutMs'),
      deadlineMs: positive(options.deadlineMs, this.#deadlineMs, 'deadlineMs'),
      retry: mergeRetry(options.retry, this.#retry),
    };
  }

  #settingsFor(operationId: OperationId, op: OperationEntry, init: Record<string, any>): TransportCall {
    if (init.timeoutMs !== undefined || init.deadlineMs !== undefined || init.retry !== undefined) return this.#settings(operationId, op, init);
    let settings = this.#defaults.get(operationId);
    if (!settings) this.#defaults.set(operationId, (settings = this.#settings(operationId, op, {})));
    return settings;
  }

  async #call(operationId: OperationId, init: Record<string, any> = {}): Promise<unknown> {
    const op = clientOperations[operationId] as OperationEntry;
    const { path, query, body, headers, signal, accessToken } = init;
    // A sandbox-only call sent to production would only fail there, less clearly; a mock or proxy URL may serve anything.
    if (op.servers && knownServers.includes(this.baseUrl) && !(op.servers as readonly string[]).includes(this.baseUrl)) {
      throw new VoucherProgramsError(`${operationId} is served only by ${op.servers.join(', ')}, not ${this.baseUrl}`, { operationId });
    }
    let pathParams = path;
    if (op.path.includes('{organization_id}')) {
      const organizationId = path?.organization_id ?? this.organizationId;
      if (!organizationId) {
        throw new VoucherProgramsError(`${operationId} needs an organization id: give the client organizationId or the call path.organization_id`, { operationId });
      }
      pathParams = { ...path, organization_id: organizationId };
    }
    const settings = this.#settingsFor(operationId, op, init);
    const state = new CallState(signal, Math.min(settings.timeoutMs, settings.deadlineMs));
    let result: { data?: unknown; error?: unknown; response: Response };
    try {
      result = await (this.#fetchClient.request as (method: string, url: string, init: object) => Promise<typeof result>)(op.method, op.path, {
        params: { path: pathParams, query, header: accessToken ? { Authorization: `Bearer ${accessToken}` } : undefined },
        // Serialized here and kept for a retry; openapi-fetch sends it as it is.
        body: body === undefined ? undefined : state.keepBody(body),
        headers,
        bodySerializer: asIs,
        // Parsed here, so a cut-off or non-JSON success body becomes our error, not a SyntaxError.
        parseAs: 'text',
        Request: PendingRequest,
        fetch: createTransport(this.#fetch, settings, state),
      });
    } catch (error) {
      throw transportErrorFrom(error, operationId, signal);
    } finally {
      state.release();
    }
    const { response } = result;
    if (!response.ok) throw apiErrorFrom(response, result.error, operationId);
    const text = result.data as string | undefined;
    if (!text) return undefined;
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new InvalidResponseError(`${operationId} answered ${response.status} with a body that is not valid JSON`, {
        operationId,
        status: response.status,
        rawBody: text,
        cause: error,
      });
    }
  }

  async #raw(verb: RawVerb, url: string, init: Record<string, any> = {}): Promise<unknown> {
    const [operationId, op] = routes.get(`${verb} ${url}`) ?? [undefined, undefined];
    const settings = this.#settings(operationId, op, {});
    const state = new CallState(init.signal ?? undefined, Math.min(settings.timeoutMs, settings.deadlineMs));
    const serialize = init.bodySerializer as ((body: unknown, headers: Headers) => unknown) | undefined;
    try {
      return await (this.#fetchClient[verb] as (url: string, init: object) => Promise<unknown>)(url, {
        ...init,
        signal: undefined,
        bodySerializer: serialize ? (body: unknown, headers: Headers) => (state.body = serialize(body, headers)) : (body: unknown) => state.keepBody(body),
        Request: PendingRequest,
        fetch: createTransport(this.#fetch, settings, state),
      });
    } catch (error) {
      throw transportErrorFrom(error, operationId, init.signal);
    } finally {
      state.release();
    }
  }
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) throw new VoucherProgramsError(`${name} must be a positive number of milliseconds (or Infinity), got ${String(value)}`);
  return value;
}
