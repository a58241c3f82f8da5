import { createRequire } from 'node:module';
import { createInstance, type IHttpConfig, type PrismHttpInstance } from '@stoplight/prism-http';
import type { MockLogger } from './logger.js';
import { memoizeOutputValidation, type ValidateOutput } from './outputValidationMemo.js';
import { cacheUriTemplates } from './uriTemplateCache.js';

// Not re-exported from Prism's index; the default Prism would use anyway.
const { validateOutput } = createRequire(import.meta.url)('@stoplight/prism-http/dist/validator/index.js') as { validateOutput: ValidateOutput };

/** Prism's engine; with fast paths on, its answer check is remembered per example and its path templates compiled once. */
export function createPrismEngine(config: IHttpConfig, logger: MockLogger, fastPaths: boolean): PrismHttpInstance {
  if (!fastPaths) return createInstance(config, { logger });
  cacheUriTemplates();
  return createInstance(config, { logger, validateOutput: memoizeOutputValidation(validateOutput) as never });
}
