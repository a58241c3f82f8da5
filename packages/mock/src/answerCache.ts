import type { IPrismDiagnostic } from '@stoplight/prism-core';
import type { IHttpConfig, IHttpRequest, IHttpResponse, PrismHttpInstance } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';

type Either<L, R> = { _tag: 'Left'; left: L } | { _tag: 'Right'; right: R };
type Check = (options: { resource: IHttpOperation; element: IHttpRequest }) => Either<IPrismDiagnostic[], unknown>;
type PrismResult = Awaited<ReturnType<ReturnType<PrismHttpInstance['request']>>>;

interface Remembered {
  output: IHttpResponse;
  outputViolations: IPrismDiagnostic[];
}

export interface AnswerCacheOptions {
  /** Prism's own security and input checks, run on every request before any answer is reused. */
  validateSecurity: Check;
  validateInput: Check;
  /** Prism's log level: at info and below it logs each answer, which a reused answer would skip. */
  logLevel: string;
}

// A bound on what one operation keeps: a test run sends the same few requests over and over.
const answersPerOperation = 64;
// Bodies larger than this are not worth keying on; they take the full path.
const maxKeyLength = 4096;
const quietLevels = new Set(['silent', 'fatal', 'error', 'warn']);

/**
 * Reuses Prism's answer to a request it has answered before. Every request is still checked
 * (security and input, Prism's own checks); only a request with no finding at all can reuse an
 * answer, and only the answer Prism gave to the same operation, `Accept`, query and body. What
 * the request asks for by preference (Prefer, `__code`…, dynamic answers), proxy mode and
 * operations with callbacks always take the full path.
 */
export function withAnswerCache(prism: PrismHttpInstance, options: AnswerCacheOptions): PrismHttpInstance {
  if (!quietLevels.has(options.logLevel)) return prism;
  const byOperation = new WeakMap<IHttpOperation, Map<string, Remembered>>();
  const request: PrismHttpInstance['request'] = (input, resources, config) => {
    const resource = resources.length === 1 ? resources[0]! : undefined;
    const key = resource && config && answerKey(input, resource, config);
    if (!resource || key === undefined) return prism.request(input, resources, config);
    const element = { resource, element: input };
    const checksPass = options.validateSecurity(element)._tag === 'Right' && options.validateInput(element)._tag === 'Right';
    const answers = byOperation.get(resource) ?? new Map<string, Remembered>();
    byOperation.set(resource, answers);
    const remembered = checksPass ? answers.get(key) : undefined;
    if (remembered) {
      // A copy of the output and its headers: whoever sends it may add to them.
      const output = { ...remembered.output, headers: { ...remembered.output.headers } };
      const result: PrismResult = { _tag: 'Right', right: { output, validations: { input: [], output: remembered.outputViolations } } };
      return () => Promise.resolve(result);
    }
    return async () => {
      const result = await prism.request(input, resources, config)();
      if (checksPass && result._tag === 'Right' && result.right.validations.input.length === 0 && isQuietAnswer(input, result.right.output, options.logLevel)) {
        if (answers.size >= answersPerOperation) answers.delete(answers.keys().next().value!);
        answers.set(key, { output: { ...result.right.output, headers: { ...result.right.output.headers } }, outputViolations: result.right.validations.output });
      }
      return result;
    };
  };
  return { request } as PrismHttpInstance;
}

/** What may shape Prism's answer to a valid request, or undefined when the answer must not be reused. */
function answerKey(input: IHttpRequest, resource: IHttpOperation, config: IHttpConfig): string | undefined {
  const { mock } = config;
  if (config.isProxy || !config.checkSecurity || !config.validateRequest || resource.callbacks?.length) return undefined;
  if (mock.dynamic || mock.code !== undefined || mock.exampleKey !== undefined || mock.mediaTypes !== undefined) return undefined;
  const headers = input.headers ?? {};
  if (headers.prefer !== undefined) return undefined;
  const key = `${headers.accept ?? ''}\n${JSON.stringify(input.url.query ?? {})}\n${JSON.stringify(input.body ?? null)}`;
  return key.length <= maxKeyLength ? key : undefined;
}

/**
 * At `warn`, Prism warns when no content matches the request's `Accept`; such an answer is not
 * reused, so the warning is printed every time, as before.
 */
function isQuietAnswer(input: IHttpRequest, output: IHttpResponse, logLevel: string): boolean {
  if (logLevel !== 'warn' || input.headers?.accept === undefined) return true;
  return Object.keys(output.headers ?? {}).some((name) => name.toLowerCase() === 'content-type');
}
