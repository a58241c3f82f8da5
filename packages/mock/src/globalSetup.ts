import { startMock, type MockOptions } from './startMock.js';

/** The environment variable (and vitest `inject` key) that carries the mock's URL to the tests. */
export const mockUrlEnvironmentVariable = 'VOUCHER_PROGRAMS_MOCK_URL';
export const mockUrlInjectKey = 'voucherProgramsMockUrl';

interface GlobalSetupContext {
  provide?: (key: string, value: unknown) => void;
}

/**
 * A vitest `globalSetup` function: starts one mock for the whole run, hands its URL to the tests
 * (`inject('voucherProgramsMockUrl')` or `process.env.VOUCHER_PROGRAMS_MOCK_URL`) and stops it after.
 */
export function mockGlobalSetup(options: MockOptions = {}): (context?: GlobalSetupContext) => Promise<() => Promise<void>> {
  return async (context) => {
    const mock = await startMock(options);
    process.env[mockUrlEnvironmentVariable] = mock.url;
    context?.provide?.(mockUrlInjectKey, mock.url);
    return () => mock.stop();
  };
}
