import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { defaultDocsDir } from './build.ts';

export interface DocsServer {
  url: string;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Serves the built site on loopback. Redoc routes by path (`/programs/...`), so any path without
 * a file extension gets index.html; a missing file with an extension is a 404.
 */
export async function serveDocs(options: { port?: number; host?: string; dir?: string } = {}): Promise<DocsServer> {
  const { port = 0, host = '127.0.0.1', dir = defaultDocsDir } = options;
  const root = normalize(dir);
  const indexHtml = join(root, 'index.html');
  try {
    statSync(indexHtml);
  } catch {
    throw new Error(`no docs site at ${indexHtml}: run \`pnpm docs\` first`);
  }
  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const candidate = normalize(join(root, pathname));
    // Never serve anything outside the site's folder, whatever the request path says.
    const inside = candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep);
    let file = extname(pathname) === '' ? indexHtml : candidate;
    if (!inside) file = '';
    let size: number;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) throw new Error('not a file');
      size = stat.size;
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    response.writeHead(200, {
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'content-length': size,
      'cache-control': 'no-cache',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: boundPort } = server.address() as AddressInfo;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${hostInUrl}:${boundPort}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
