import type { IncomingMessage, ServerResponse } from 'node:http';

export type AsyncHandler = (request: IncomingMessage, reply: ServerResponse) => Promise<void>;

/**
 * Serves the paths the mock answers itself (the token endpoint lives on Uber's auth host, not in
 * the API spec) and hands every other request to the spec's handler.
 */
export function withOwnRoutes(
  routes: Readonly<Record<string, AsyncHandler>>,
  fallback: (request: IncomingMessage, reply: ServerResponse) => void,
): (request: IncomingMessage, reply: ServerResponse) => void {
  return (request, reply) => {
    const target = request.url ?? '/';
    const query = target.indexOf('?');
    const path = query < 0 ? target : target.slice(0, query);
    const own = Object.hasOwn(routes, path) ? routes[path] : undefined;
    if (!own) return fallback(request, reply);
    own(request, reply).catch((error: unknown) => {
      if (reply.headersSent) return void reply.destroy();
      const payload = JSON.stringify({ error: 'server_error', error_description: `The mock failed to answer: ${(error as Error).message}` });
      reply.writeHead(500, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }).end(payload);
    });
  };
}
