// First: Prism must find the lazy faker when it loads.
import './lazyFaker.js';
import type { MockOptions, RunningContractMock } from './mockOptions.js';
import { createTokenEndpoint, createTokenHandler, tokenPath } from './oauth/index.js';
import { startPrismServer } from './prismServer.js';
import { defaultMaxBodyBytes } from './requestBody.js';

export type { MockOptions, MockServerOptions, RunningContractMock, RunningMock } from './mockOptions.js';

/** Starts the contract mock in this process: `const mock = await startMock(); … await mock.stop()`. */
export async function startMock(options: MockOptions = {}): Promise<RunningContractMock> {
  const tokens = createTokenEndpoint(options.oauth);
  const routes = { [tokenPath]: createTokenHandler(tokens, options.maxBodyBytes ?? defaultMaxBodyBytes) };
  const running = await startPrismServer(options, { dynamic: options.dynamic ?? false, seed: options.seed }, { ownRoutes: routes });
  return { ...running, tokenUrl: `${running.url}${tokenPath}`, tokens };
}
