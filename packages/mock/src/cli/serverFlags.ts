import type { ParseArgsConfig } from 'node:util';
import { logFormats, logLevels, type LogFormat, type LogLevel } from '../mockOptions.js';
import type { MockServerOptions } from '../mockOptions.js';
import { parseWholeNumber } from './parseNumber.js';
import { UsageError } from './usage.js';

export const serverFlags = {
  spec: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'log-level': { type: 'string' },
  'log-format': { type: 'string' },
  'max-body-bytes': { type: 'string' },
} satisfies ParseArgsConfig['options'];

export interface ServerFlagValues {
  spec?: string | undefined;
  port?: string | undefined;
  host?: string | undefined;
  'log-level'?: string | undefined;
  'log-format'?: string | undefined;
  'max-body-bytes'?: string | undefined;
}

export function serverOptionsFrom(values: ServerFlagValues): MockServerOptions {
  const logLevel = values['log-level'] ?? 'info';
  if (!logLevels.includes(logLevel as LogLevel)) {
    throw new UsageError(`--log-level must be one of ${logLevels.join(', ')}, not "${logLevel}"`);
  }
  const logFormat = values['log-format'] ?? 'pretty';
  if (!logFormats.includes(logFormat as LogFormat)) {
    throw new UsageError(`--log-format must be one of ${logFormats.join(', ')}, not "${logFormat}"`);
  }
  const options: MockServerOptions = {
    logFormat: logFormat as LogFormat,
    port: parseWholeNumber('port', values.port, 4010, 0, 65535),
    host: values.host ?? '127.0.0.1',
    logLevel: logLevel as LogLevel,
    maxBodyBytes: parseWholeNumber('max-body-bytes', values['max-body-bytes'], 10 * 1024 * 1024, 1, 1024 * 1024 * 1024),
  };
  if (values.spec !== undefined) options.spec = values.spec;
  return options;
}
