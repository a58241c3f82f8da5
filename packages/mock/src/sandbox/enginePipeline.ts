import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IHttpConfig } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import type { MockLogger } from '../logger.js';
import type { LogLevel } from '../mockOptions.js';
import { createMockHandler } from '../mockHandler.js';
import { createPrismLogger, createStatefulPrismEngine } from '../prismEngine.js';
import { indexRoutes } from '../prismRouting.js';
import type { SpecViolation } from '../violations.js';
import type { MockComponent } from './engineMock.js';
import { engineOutputValidation, prismValidateOutput } from './outputValidation.js';
import { withQuickOutputCheck } from './quickOutputCheck.js';

export interface EnginePipelineOptions {
  operations: IHttpOperation[];
  /** The engine as Prism's `mock` component (createEngineMock). */
  mock: MockComponent;
  config: IHttpConfig;
  logger: MockLogger;
  maxBodyBytes: number;
  onViolations: (request: { method: string; path: string }, violations: SpecViolation[]) => void;
  /** The mock's shortcuts that hold for a stateful engine (routing, path templates, input checks, a silent Prism logger, the quick answer check); on by default. */
  fastPaths?: boolean;
}

/**
 * The mock's request handling with an engine inside: Prism routes, checks security and validates
 * the request, asks the engine for the answer, and validates that answer against the spec.
 */
export function createEnginePipeline(options: EnginePipelineOptions): (request: IncomingMessage, reply: ServerResponse) => void {
  const { operations, mock, config, logger, maxBodyBytes, onViolations } = options;
  const fastPaths = options.fastPaths ?? true;
  if (fastPaths) indexRoutes(operations);
  // Every answer is checked: with fast paths, by Prism's own parts with the answer-independent ones remembered.
  const validateOutput = engineOutputValidation(fastPaths ? withQuickOutputCheck(prismValidateOutput) : prismValidateOutput);
  const components = { logger: createPrismLogger(logger, logger.level as LogLevel, fastPaths), mock, validateOutput };
  return createMockHandler({
    operations,
    prism: createStatefulPrismEngine(config, components, fastPaths),
    config,
    logger,
    maxBodyBytes,
    onViolations,
    answersAreFinal: true,
  });
}
