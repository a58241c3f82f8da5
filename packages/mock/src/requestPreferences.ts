import type { IHttpRequest } from '@stoplight/prism-http';
import type { getHttpConfigFromRequest } from '@stoplight/prism-http-server/dist/getHttpConfigFromRequest.js';

type ReadPreferences = typeof getHttpConfigFromRequest;

let read: ReadPreferences | undefined;

/**
 * What a request asks for with `Prefer` (or `__code`-style query values), read by Prism's own
 * parser. That parser pulls in Prism's whole index, so it loads with the first request that asks.
 */
export async function readPreferences(input: IHttpRequest): Promise<ReturnType<ReadPreferences>> {
  read ??= (await import('@stoplight/prism-http-server/dist/getHttpConfigFromRequest.js')).getHttpConfigFromRequest;
  return read(input);
}
