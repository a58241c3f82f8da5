import type { IHttpConfig, IHttpOperationConfig } from '@stoplight/prism-http';

export interface PrismModeOptions {
  /** Generate answers from the schemas instead of returning the spec's examples. */
  dynamic?: boolean;
  /** Seed for dynamic answers, so the same request gets the same answer on every run. */
  seed?: string | number;
  /** Proxy mode: forward to this server and check its answers against the spec. */
  upstream?: URL;
  /** Proxy mode: answer 500 instead of the upstream's answer when that answer breaks the spec. */
  errors?: boolean;
}

/** The configuration `prism mock` / `prism proxy` would build from the same options. */
export function createPrismConfig(options: PrismModeOptions): IHttpConfig {
  const mock: IHttpOperationConfig = { dynamic: options.dynamic ?? false, ignoreExamples: false };
  if (options.seed !== undefined) mock.seed = String(options.seed);
  const shared = {
    checkSecurity: true,
    validateRequest: true,
    validateResponse: true,
    errors: options.errors ?? false,
    upstreamProxy: undefined,
    mock,
  };
  return options.upstream ? { ...shared, isProxy: true, upstream: options.upstream } : { ...shared, isProxy: false };
}
