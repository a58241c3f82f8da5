import { Writable } from 'node:stream';
import { createLogger } from '@stoplight/prism-core';

export type MockLogger = ReturnType<typeof createLogger>;

export type LogLevel = 'silent' | 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
export const logLevels: readonly LogLevel[] = ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'];

const levelNames: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

const ignore = (): void => {};

// Prism makes child loggers and log arguments on every request; when nothing is printed, a logger
// that ignores everything and is its own child spares that work.
const silentLogger = {
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
  child: () => silentLogger,
};

/** Prism's pino logger, printing one readable line per entry instead of JSON. */
export function createMockLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(line)): MockLogger {
  if (level === 'silent') return silentLogger as unknown as MockLogger;
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const entry of chunk.toString('utf8').split('\n')) {
        if (entry.trim() !== '') write(`${formatEntry(entry)}\n`);
      }
      done();
    },
  });
  return createLogger('mock', { level }, destination);
}

function formatEntry(entry: string): string {
  try {
    const parsed = JSON.parse(entry) as { level?: number | string; msg?: string; input?: { method?: string; url?: { path?: string } } };
    const level = typeof parsed.level === 'number' ? (levelNames[parsed.level] ?? String(parsed.level)) : (parsed.level ?? 'info');
    const request = parsed.input ? ` ${parsed.input.method?.toUpperCase() ?? ''} ${parsed.input.url?.path ?? ''}` : '';
    return `[${level}]${request} ${parsed.msg ?? ''}`;
  } catch {
    return entry;
  }
}
