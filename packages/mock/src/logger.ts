import { Writable } from 'node:stream';
import { createLogger } from '@stoplight/prism-core';

export type MockLogger = ReturnType<typeof createLogger>;

import type { LogFormat, LogLevel } from './mockOptions.js';
import { redactSecrets } from './redactSecrets.js';

// pino's numbers, and Prism's own `success` level (32) between info and warn.
const levelNames: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 32: 'success', 40: 'warn', 50: 'error', 60: 'fatal' };

const ignore = (): void => {};

// Prism makes child loggers and log arguments on every request; when nothing is printed, a logger
// that ignores everything and is its own child spares that work. One per call: callers set `level`.
function silentLogger(): MockLogger {
  const logger = {
    level: 'silent',
    fatal: ignore,
    error: ignore,
    warn: ignore,
    info: ignore,
    success: ignore,
    debug: ignore,
    trace: ignore,
    silent: ignore,
    isLevelEnabled: () => false,
    bindings: () => ({}),
    flush: ignore,
    child: () => logger,
  };
  return logger as unknown as MockLogger;
}

/** Prism's pino logger, writing readable lines or JSON lines with named levels. */
export function createMockLogger(
  level: LogLevel,
  format: LogFormat = 'pretty',
  write: (line: string) => void = (line) => process.stderr.write(line),
): MockLogger {
  if (level === 'silent') return silentLogger();
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const entry of chunk.toString('utf8').split('\n')) {
        if (entry.trim() !== '') write(`${formatEntry(entry, format)}\n`);
      }
      done();
    },
  });
  return createLogger('mock', { level }, destination);
}

/**
 * The level for Prism's own logger: its step-by-step notes (five or more a request) only when
 * debugging; at other levels the layer's one line per request says what happened.
 */
export function prismLogLevel(level: LogLevel): LogLevel {
  return level === 'debug' || level === 'trace' ? level : 'silent';
}

function formatEntry(entry: string, format: LogFormat): string {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(entry) as Record<string, unknown>;
  } catch {
    return redactSecrets(entry);
  }
  for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') parsed[key] = redactSecrets(value);
  const level = typeof parsed.level === 'number' ? (levelNames[parsed.level] ?? String(parsed.level)) : String(parsed.level ?? 'info');
  if (format === 'json') return JSON.stringify({ ...parsed, level });
  const time = typeof parsed.time === 'number' ? new Date(parsed.time).toISOString().slice(11, 23) : '';
  return `${time} ${level.padEnd(5)} ${String(parsed.msg ?? '')}`.trim();
}
