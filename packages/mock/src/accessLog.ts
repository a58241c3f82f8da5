import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockLogger } from './logger.js';

/** One log line per request, written when the answer has gone out: method, path, status, time. */
export function withAccessLog(
  logger: MockLogger,
  handler: (request: IncomingMessage, reply: ServerResponse) => void,
): (request: IncomingMessage, reply: ServerResponse) => void {
  if (!logger.isLevelEnabled('info')) return handler;
  return (request, reply) => {
    const started = performance.now();
    reply.once('finish', () => {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      const method = request.method ?? 'GET';
      const path = (request.url ?? '/').split('?')[0];
      logger.info({ method, path, status: reply.statusCode, ms }, `${method} ${path} -> ${reply.statusCode} (${ms} ms)`);
    });
    handler(request, reply);
  };
}
