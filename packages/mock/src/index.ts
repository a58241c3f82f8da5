export { startMock, type MockOptions, type MockServerOptions, type RunningContractMock, type RunningMock } from './startMock.js';
export * from './oauth/index.js';
export { startProxy, type ProxyOptions, type RunningProxy, type UpstreamFailure, type ViolationReport } from './startProxy.js';
export { mockGlobalSetup, mockUrlEnvironmentVariable, mockUrlInjectKey } from './globalSetup.js';
export { bundledSpecPath } from './bundledSpec.js';
export { MockListenError, MockSpecError } from './errors.js';
export type { ErrorBody, LogFormat, LogLevel, SpecViolation } from './mockOptions.js';
export { startSandbox, controlPrefix, type SandboxOptions, type RunningSandbox } from './sandbox/startSandbox.js';
