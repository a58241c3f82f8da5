import { createRequire } from 'node:module';
import { factory } from '@stoplight/prism-core';
import type { IHttpConfig, PrismHttpComponents, PrismHttpInstance } from '@stoplight/prism-http';

const require = createRequire(import.meta.url);
const prismPart = (path: string): Record<string, unknown> => require(`@stoplight/prism-http/dist/${path}`) as Record<string, unknown>;

type Components = Pick<PrismHttpComponents, 'logger'> & Partial<PrismHttpComponents>;

let forward: PrismHttpComponents['forward'] | undefined;
// Only proxy mode forwards; the forwarder (an HTTP client and proxy agents) loads on first use.
const forwardOnFirstUse: PrismHttpComponents['forward'] = (...args) => {
  forward ??= prismPart('forwarder/index.js').default as PrismHttpComponents['forward'];
  return forward(...args);
};

/**
 * Prism's `createInstance` with the same default components, read from the modules that define
 * them. Prism's index would also load what turns a spec file into operations (YAML, `$ref`
 * resolution, Postman collections) and its forwarder: a fifth of its import time, which a mock
 * of the bundled spec never uses.
 */
export function createPrismInstance(config: IHttpConfig, components: Components): PrismHttpInstance {
  const validator = prismPart('validator/index.js');
  const defaults = {
    route: prismPart('router/index.js').default,
    validateInput: validator.validateInput,
    validateOutput: validator.validateOutput,
    validateSecurity: validator.validateSecurity,
    mock: prismPart('mocker/index.js').default,
    forward: forwardOnFirstUse,
  } as PrismHttpComponents;
  return factory(config, { ...defaults, ...definedOnly(components) });
}

// As lodash's `defaults` in Prism's own createInstance: a component given as undefined keeps the default.
function definedOnly(components: Components): Components {
  return Object.fromEntries(Object.entries(components).filter(([, value]) => value !== undefined)) as Components;
}
