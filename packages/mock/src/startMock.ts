import { fileURLToPath } from 'node:url';
import { createInstance } from '@stoplight/prism-http';
import { listen, type Listening } from './listen.js';
import { createMockLogger, type LogLevel } from './logger.js';
import { createMockHandler } from './mockHandler.js';
import { createTokenEndpoint, createTokenHandler, tokenPath, type TokenEndpoint, type TokenEndpointOptions } from './oauth/index.js';
import { withOwnRoutes, type AsyncHandler } from './ownRoutes.js';
import { createPrismConfig, type PrismModeOptions } from './prismConfig.js';
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
}

export interface MockOptions extends MockServerOptions {
  /** Generate answers from the schemas instead of returning the spec's examples. */
  dynamic?: boolean;
  /** Seed for `dynamic`, so every run gets the same answers. */
  seed?: string | number;
  /**
   * The OAuth token endpoint at `/oauth/v2/token`: a clock, registered clients (any id and secret
   * get a token without them), a token store, the hourly limit.
   */
  oauth?: TokenEndpointOptions;
}

export type RunningMock = Listening;

export interface RunningContractMock extends RunningMock {
  /** `url` + `/oauth/v2/token`: give it to the client as `tokenUrl`. */
  tokenUrl: string;
  /** The token endpoint behind `tokenUrl`: check a token a test got, or record a consent for the code grant. */
  tokens: TokenEndpoint;
}

/** Starts the contract mock in this process: `const mock = await startMock(); … await mock.stop()`. */
export async function startMock(options: MockOptions = {}): Promise<RunningContractMock> {
  const tokens = createTokenEndpoint(options.oauth);
  const routes = { [tokenPath]: createTokenHandler(tokens, options.maxBodyBytes ?? defaultMaxBodyBytes) };
  const running = await startPrismServer(options, { dynamic: options.dynamic ?? false, seed: options.seed }, undefined, routes);
  return { ...running, tokenUrl: `${running.url}${tokenPath}`, tokens };
}

/** Shared by mock and proxy mode: Prism's engine behind the layer that keeps answers in the spec. */
export async function startPrismServer(
  options: MockServerOptions,
  mode: PrismModeOptions,
  onViolations?: (request: { method: string; path: string }, violations: SpecViolation[]) => void,
  ownRoutes?: Readonly<Record<string, AsyncHandler>>,
): Promise<Listening> {
  const specPath = options.spec instanceof URL ? fileURLToPath(options.spec) : (options.spec ?? bundledSpecPath);
  const operations = await loadSpecOperations(specPath);
  const logger = createMockLogger(options.logLevel ?? 'error');
  const config = createPrismConfig(mode);
  const prism = createInstance(config, { logger: logger.child({ name: 'PRISM' }) });
  const handler = createMockHandler({
    operations,
    prism,
    config,
    logger,
    maxBodyBytes: options.maxBodyBytes ?? defaultMaxBodyBytes,
    ...(onViolations ? { onViolations } : {}),
  });
  return listen(ownRoutes ? withOwnRoutes(ownRoutes, handler) : handler, options.port ?? 0, options.host ?? '127.0.0.1');
}
