export { startMock, type MockOptions, type MockServerOptions, type RunningContractMock, type RunningMock } from './startMock.js';
export * from './oauth/index.js';
export { startProxy, type ProxyOptions, type RunningProxy, type ViolationReport } from './startProxy.js';
export { mockGlobalSetup, mockUrlEnvironmentVariable, mockUrlInjectKey } from './globalSetup.js';
export { bundledSpecPath } from './specOperations.js';
export { MockListenError, MockSpecError } from './errors.js';
export type { LogLevel } from './logger.js';
export type { ErrorBody } from './errorAnswer.js';
export type { SpecViolation } from './violations.js';
