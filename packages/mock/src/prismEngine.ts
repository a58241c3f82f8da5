import { createRequire } from 'node:module';
import type { IHttpConfig, PrismHttpInstance } from '@stoplight/prism-http';
import { createMockLogger, prismLogLevel, type MockLogger } from './logger.js';
import type { LogLevel } from './mockOptions.js';
import { withAnswerCache, type AnswerCacheOptions } from './answerCache.js';
import { memoizeInputValidation } from './inputValidationMemo.js';
import { skippingBuildCheckedMetaSchemas } from './metaSchemaCheck.js';
import { memoizeOutputValidation, type ValidateOutput } from './outputValidationMemo.js';
import { createPrismInstance } from './prismInstance.js';
import { routeChosen } from './prismRouting.js';
import { withEngineRequest, type EngineRequestParts } from './sandbox/engineRequest.js';
import { cacheUriTemplates } from './uriTemplateCache.js';

// Not re-exported from Prism's index; the default Prism would use anyway.
const { validateOutput, validateInput, validateSecurity } = createRequire(import.meta.url)('@stoplight/prism-http/dist/validator/index.js') as {
  validateOutput: ValidateOutput;
  validateInput: AnswerCacheOptions['validateInput'];
  validateSecurity: AnswerCacheOptions['validateSecurity'];
};

/**
 * Prism's engine. With fast paths on, its answer check is remembered per example, its path
 * templates are compiled once, a valid request it has answered before gets the same answer, and
 * the schemas the build checked against their meta-schemas are not checked again.
 */
export function createPrismEngine(config: IHttpConfig, logger: MockLogger, fastPaths: boolean): PrismHttpInstance {
  if (!fastPaths) return createPrismInstance(config, { logger });
  cacheUriTemplates();
  const checkInput = skippingBuildCheckedMetaSchemas(validateInput);
  const prism = createPrismInstance(config, {
    logger,
    validateInput: checkInput as never,
    validateOutput: memoizeOutputValidation(skippingBuildCheckedMetaSchemas(validateOutput)) as never,
  });
  return withAnswerCache(prism, { validateSecurity, validateInput: memoizeInputValidation(checkInput), logLevel: logger.level });
}

/** Prism's own logger under the layer's; with fast paths, one that ignores everything when Prism's level is silent. */
export function createPrismLogger(logger: MockLogger, level: LogLevel, fastPaths: boolean): MockLogger {
  const prismLevel = prismLogLevel(level);
  const prismLogger = fastPaths && prismLevel === 'silent' ? createMockLogger('silent') : logger.child({ name: 'PRISM' });
  prismLogger.level = prismLevel;
  return prismLogger;
}

/**
 * Prism's engine around a stateful `mock` component (the sandbox). Its answers follow state that
 * changes between identical requests, and it may hand out the same object after changing it, so
 * neither the answer cache nor the output-check memo (kept per body object) may serve it. What
 * holds whatever the answer, with fast paths: path templates compiled once, the build's
 * meta-schema check not repeated, the route the layer chose taken as it is, the security and
 * input checks remembered for a request that passed them (they read the request alone; the
 * engine judges the token itself), and Prism's core steps taken one after another without its
 * fp-ts plumbing (withEngineRequest).
 */
export function createStatefulPrismEngine(config: IHttpConfig, components: { logger: MockLogger; mock: unknown; validateOutput: unknown }, fastPaths: boolean): PrismHttpInstance {
  if (!fastPaths) return createPrismInstance(config, components as Parameters<typeof createPrismInstance>[1]);
  cacheUriTemplates();
  const checks = { validateSecurity: memoizeInputValidation(validateSecurity), validateInput: memoizeInputValidation(skippingBuildCheckedMetaSchemas(validateInput)) };
  const validateOutput = skippingBuildCheckedMetaSchemas(components.validateOutput as ValidateOutput);
  const prism = createPrismInstance(config, { ...components, validateOutput, route: routeChosen, ...checks } as Parameters<typeof createPrismInstance>[1]);
  return withEngineRequest(prism, config, { ...components, validateOutput, ...checks } as EngineRequestParts);
}
