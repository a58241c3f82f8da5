// First: Prism must find the lazy faker when it loads.
import './lazyFaker.js';
import { fileURLToPath } from 'node:url';
import { withAccessLog } from './accessLog.js';
import { bundledSpecPath } from './bundledSpec.js';
import { listen, type Listening } from './listen.js';
import { createMockLogger } from './logger.js';
import { createMockHandler, type MockHandlerContext } from './mockHandler.js';
import type { MockServerOptions } from './mockOptions.js';
import { withOwnRoutes, type AsyncHandler } from './ownRoutes.js';
import { createPrismConfig, type PrismModeOptions } from './prismConfig.js';
import { createPrismEngine, createPrismLogger } from './prismEngine.js';
import { indexRoutes } from './prismRouting.js';
import { defaultMaxBodyBytes } from './requestBody.js';
import { loadSpecOperations } from './specOperations.js';

/** Shared by mock and proxy mode: Prism's engine behind the layer that keeps answers in the spec. */
export async function startPrismServer(
  options: MockServerOptions,
  mode: PrismModeOptions,
  extras: Pick<MockHandlerContext, 'onViolations' | 'onUpstreamFailure' | 'upstreamTimeoutMs'> & { ownRoutes?: Readonly<Record<string, AsyncHandler>> } = {},
): Promise<Listening> {
  const { ownRoutes, ...hooks } = extras;
  const specPath = options.spec instanceof URL ? fileURLToPath(options.spec) : (options.spec ?? bundledSpecPath);
  const fastPaths = options.fastPaths ?? true;
  const operations = await loadSpecOperations(specPath, { precomputed: fastPaths });
  if (fastPaths) indexRoutes(operations);
  const logger = createMockLogger(options.logLevel ?? 'error', options.logFormat);
  const config = createPrismConfig(mode);
  const prism = createPrismEngine(config, createPrismLogger(logger, options.logLevel ?? 'error', fastPaths), fastPaths);
  const handler = createMockHandler({
    operations,
    prism,
    config,
    logger,
    maxBodyBytes: options.maxBodyBytes ?? defaultMaxBodyBytes,
    ...hooks,
  });
  return listen(withAccessLog(logger, ownRoutes ? withOwnRoutes(ownRoutes, handler) : handler), options.port ?? 0, options.host ?? '127.0.0.1');
}
