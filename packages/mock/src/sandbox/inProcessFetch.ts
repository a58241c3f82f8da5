import type { IncomingMessage, ServerResponse } from 'node:http';
import { inject } from 'light-my-request';

export type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * A Fetch-API function that hands each request straight to the server's request handler, in this
 * process, with no socket: the same code path as HTTP (the same validation and answers), without
 * a port. light-my-request builds the Node request and response objects the handler expects.
 */
export function createInProcessFetch(handler: (request: IncomingMessage, reply: ServerResponse) => void, isOpen: () => boolean): FetchFunction {
  return async (input, init) => {
    const request = new Request(input, init);
    if (!isOpen()) throw new TypeError('fetch failed: the sandbox is stopped');
    request.signal.throwIfAborted();
    const url = new URL(request.url);
    const payload = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    const answer = await inject(handler, {
      method: request.method as 'GET',
      url: `${url.pathname}${url.search}`,
      headers: { host: url.host, ...headers },
      ...(payload ? { payload } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
    });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [String(value)]) responseHeaders.append(name, one);
    }
    const empty = answer.statusCode === 204 || answer.statusCode === 304 || request.method === 'HEAD';
    return new Response(empty ? null : new Uint8Array(answer.rawPayload), { status: answer.statusCode, statusText: answer.statusMessage, headers: responseHeaders });
  };
}
