// First: Prism must find the lazy faker when it loads.
import './lazyFaker.js';
import { fileURLToPath } from 'node:url';
import { listen, type Listening } from './listen.js';
import { createMockLogger, type LogLevel } from './logger.js';
import { createMockHandler } from './mockHandler.js';
import { createPrismConfig, type PrismModeOptions } from './prismConfig.js';
import { createPrismEngine } from './prismEngine.js';
import { indexRoutes } from './prismRouting.js';
import { defaultMaxBodyBytes } from './requestBody.js';
import { bundledSpecPath, loadSpecOperations } from './specOperations.js';
import type { SpecViolation } from './violations.js';

export interface MockServerOptions {
  /** 0 (the default) takes any free port; read the chosen one from `port` or `url`. */
  port?: number;
  /** Loopback by default, so a CI runner does not expose the mock. */
  host?: string;
  /** OpenAPI file to serve; the bundled Voucher Programs spec by default. */
  spec?: string | URL;
  /** Prism's log level; `error` by default so tests stay quiet. */
  logLevel?: LogLevel;
  /** Request bodies above this many bytes get a 400 `invalid_request` (10 MiB by default). */
  maxBodyBytes?: number;
  /**
   * On by default. Off sends every request down Prism's full path with none of the mock's
   * shortcuts; only for proving that the shortcuts change no answer, and for measuring them.
   */
  fastPaths?: boolean;
}

export interface MockOptions extends MockServerOptions {
  /** Generate answers from the schemas instead of returning the spec's examples. */
  dynamic?: boolean;
  /** Seed for `dynamic`, so every run gets the same answers. */
  seed?: string | number;
}

export type RunningMock = Listening;

/** Starts the contract mock in this process: `const mock = await startMock(); … await mock.stop()`. */
export function startMock(options: MockOptions = {}): Promise<RunningMock> {
  return startPrismServer(options, { dynamic: options.dynamic ?? false, seed: options.seed });
}

/** Shared by mock and proxy mode: Prism's engine behind the layer that keeps answers in the spec. */
export async function startPrismServer(
  options: MockServerOptions,
  mode: PrismModeOptions,
  onViolations?: (request: { method: string; path: string }, violations: SpecViolation[]) => void,
): Promise<Listening> {
  const specPath = options.spec instanceof URL ? fileURLToPath(options.spec) : (options.spec ?? bundledSpecPath);
  const fastPaths = options.fastPaths ?? true;
  const operations = await loadSpecOperations(specPath, { precomputed: fastPaths });
  if (fastPaths) indexRoutes(operations);
  const logger = createMockLogger(options.logLevel ?? 'error');
  const config = createPrismConfig(mode);
  const prism = createPrismEngine(config, logger.child({ name: 'PRISM' }), fastPaths);
  const handler = createMockHandler({
    operations,
    prism,
    config,
    logger,
    maxBodyBytes: options.maxBodyBytes ?? defaultMaxBodyBytes,
    ...(onViolations ? { onViolations } : {}),
  });
  return listen(handler, options.port ?? 0, options.host ?? '127.0.0.1');
}
