import { startPrismServer, type MockServerOptions, type RunningMock } from './startMock.js';
import type { SpecViolation } from './violations.js';

export interface ProxyOptions extends MockServerOptions {
  /** The partner's own server (or fake) whose answers are checked against the spec. */
  upstream: string | URL;
  /** Answer 500 `internal_server_error` instead of passing on an answer that breaks the spec. */
  errors?: boolean;
  /** Called for each request or upstream answer that breaks the spec, as it happens. */
  onViolation?: (report: ViolationReport) => void;
}

export interface ViolationReport {
  method: string;
  path: string;
  violations: SpecViolation[];
}

export interface RunningProxy extends RunningMock {
  /** Every request or upstream answer that broke the spec so far; assert it is empty at the end of a run. */
  readonly violations: readonly ViolationReport[];
}

/**
 * Proxy mode: forwards each request to `upstream`, passes its answer on, and reports every request
 * or answer that breaks the spec (in `violations`, `onViolation` and the `sl-violations` header).
 */
export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const upstream = new URL(options.upstream);
  const violations: ViolationReport[] = [];
  const running = await startPrismServer(options, { upstream, errors: options.errors ?? false }, (request, found) => {
    const report = { ...request, violations: found };
    violations.push(report);
    options.onViolation?.(report);
  });
  return { ...running, violations };
}
