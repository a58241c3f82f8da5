import type { IPrismDiagnostic } from '@stoplight/prism-core';
import type { IHttpConfig, IHttpRequest, PrismHttpInstance } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import type { MockLogger } from '../logger.js';
import type { MockComponent } from './engineMock.js';
import type { ValidateOutput } from './outputValidation.js';

type Either<L, R> = { _tag: 'Left'; left: L } | { _tag: 'Right'; right: R };
type Check = (options: { resource: IHttpOperation; element: IHttpRequest }) => Either<IPrismDiagnostic[], unknown>;
type PrismResult = Awaited<ReturnType<ReturnType<PrismHttpInstance['request']>>>;

export interface EngineRequestParts {
  logger: MockLogger;
  mock: MockComponent;
  validateSecurity: Check;
  validateInput: Check;
  validateOutput: ValidateOutput;
}

/**
 * Prism's core (prism-core's factory) for a request the layer has routed to one operation, step by
 * step as it does it, without the fp-ts plumbing around each step: the security and input checks,
 * their findings handed to the mock component (the engine, or Prism's mocker for a refused
 * request), its answer checked against the spec. Proxy mode and several operations go to Prism.
 */
export function withEngineRequest(prism: PrismHttpInstance, defaultConfig: IHttpConfig, parts: EngineRequestParts): PrismHttpInstance {
  const request: PrismHttpInstance['request'] = (input, resources, given) => {
    // Prism fills what the request's config leaves undefined from the default one (lodash defaults).
    const setting = <K extends keyof IHttpConfig>(key: K): IHttpConfig[K] => (given?.[key] === undefined ? defaultConfig[key] : given[key]) as IHttpConfig[K];
    if (resources.length !== 1 || setting('isProxy')) return prism.request(input, resources, given);
    const resource = resources[0]!;
    const element = { resource, element: input };
    // Both checks' findings, security first, as Prism gathers them; none when both pass.
    const findings: IPrismDiagnostic[] = [];
    for (const [on, check] of [[setting('checkSecurity'), parts.validateSecurity], [setting('validateRequest'), parts.validateInput]] as const) {
      if (!on) continue;
      const checked = check(element);
      if (checked._tag === 'Left') findings.push(...checked.left);
    }
    return () => {
      const answered = parts.mock({ resource, input: { data: input, validations: findings }, config: setting('mock') || {} })(parts.logger.child({ name: 'NEGOTIATOR' }));
      if (answered._tag === 'Left') return Promise.resolve(answered as PrismResult);
      const output = answered.right;
      const checked = setting('validateResponse') ? parts.validateOutput({ resource, element: output }) : undefined;
      const result: PrismResult = { _tag: 'Right', right: { output, validations: { input: findings, output: checked?._tag === 'Left' ? checked.left : [] } } };
      return Promise.resolve(result);
    };
  };
  return { request } as PrismHttpInstance;
}
