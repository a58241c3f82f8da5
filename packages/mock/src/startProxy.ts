import type { MockServerOptions, RunningMock, SpecViolation } from './mockOptions.js';
import { startPrismServer } from './prismServer.js';
import { defaultUpstreamTimeoutMs } from './upstreamFailure.js';

export interface ProxyOptions extends MockServerOptions {
  /** The partner's own server (or fake) whose answers are checked against the spec. */
  upstream: string | URL;
  /** Answer 500 `internal_server_error` instead of passing on an answer that breaks the spec. */
  errors?: boolean;
  /**
   * How long to wait for the upstream's answer before answering 504 (default 30 s, under the
   * client's own 60 s, so a hung server is reported rather than the caller timing out unexplained).
   */
  upstreamTimeoutMs?: number;
  /** Called for each request or upstream answer that breaks the spec, as it happens. */
  onViolation?: (report: ViolationReport) => void;
  /**
   * Called for each request the upstream could not answer (unreachable, connection dropped, unreadable
   * JSON: the caller gets a 502), did not answer in time (504) or answered with a 5xx (passed on as it is).
   */
  onUpstreamFailure?: (report: UpstreamFailure) => void;
}

export interface UpstreamFailure {
  method: string;
  path: string;
  /** The cause, e.g. `connect ECONNREFUSED 127.0.0.1:8080` or `the upstream answered 503`; never the request's query or the upstream's credentials. */
  reason: string;
}

export interface ViolationReport {
  method: string;
  path: string;
  violations: SpecViolation[];
}

export interface RunningProxy extends RunningMock {
  /** Every request or upstream answer that broke the spec so far; assert it is empty at the end of a run. */
  readonly violations: readonly ViolationReport[];
  /** Every request the upstream failed: not reachable, or a 5xx. A clean run has none. */
  readonly upstreamFailures: readonly UpstreamFailure[];
}

/**
 * Proxy mode: forwards each request to `upstream`, passes its answer on, and reports every request
 * or answer that breaks the spec (in `violations`, `onViolation` and the `sl-violations` header).
 */
export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const upstream = new URL(options.upstream);
  const upstreamTimeoutMs = options.upstreamTimeoutMs ?? defaultUpstreamTimeoutMs;
  if (!Number.isSafeInteger(upstreamTimeoutMs) || upstreamTimeoutMs < 1) throw new RangeError(`upstreamTimeoutMs must be a whole number of milliseconds ≥ 1, not ${upstreamTimeoutMs}`);
  const violations: ViolationReport[] = [];
  const upstreamFailures: UpstreamFailure[] = [];
  const running = await startPrismServer(options, { upstream, errors: options.errors ?? false }, {
    onViolations: (request, found) => {
      const report = { ...request, violations: found };
      violations.push(report);
      options.onViolation?.(report);
    },
    onUpstreamFailure: (request, reason) => {
      const report = { ...request, reason };
      upstreamFailures.push(report);
      options.onUpstreamFailure?.(report);
    },
    upstreamTimeoutMs,
  });
  return { ...running, violations, upstreamFailures };
}
