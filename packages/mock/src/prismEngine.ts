import { createRequire } from 'node:module';
import { createInstance, type IHttpConfig, type PrismHttpInstance } from '@stoplight/prism-http';
import type { MockLogger } from './logger.js';
import { withAnswerCache, type AnswerCacheOptions } from './answerCache.js';
import { memoizeOutputValidation, type ValidateOutput } from './outputValidationMemo.js';
import { cacheUriTemplates } from './uriTemplateCache.js';

// Not re-exported from Prism's index; the default Prism would use anyway.
const { validateOutput, validateInput, validateSecurity } = createRequire(import.meta.url)('@stoplight/prism-http/dist/validator/index.js') as {
  validateOutput: ValidateOutput;
  validateInput: AnswerCacheOptions['validateInput'];
  validateSecurity: AnswerCacheOptions['validateSecurity'];
};

/**
 * Prism's engine. With fast paths on, its answer check is remembered per example, its path
 * templates are compiled once, and a valid request it has answered before gets the same answer.
 */
export function createPrismEngine(config: IHttpConfig, logger: MockLogger, fastPaths: boolean): PrismHttpInstance {
  if (!fastPaths) return createInstance(config, { logger });
  cacheUriTemplates();
  const prism = createInstance(config, { logger, validateOutput: memoizeOutputValidation(validateOutput) as never });
  return withAnswerCache(prism, { validateSecurity, validateInput, logLevel: logger.level });
}
