import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDocs, type DocsServer } from '../../scripts/docs/serve.ts';

describe('serveDocs', () => {
  const parent = mkdtempSync(join(tmpdir(), 'voucher-docs-serve-'));
  const site = join(parent, 'site');
  let server: DocsServer;

  beforeAll(async () => {
    mkdirSync(site);
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>docs</title>');
    writeFileSync(join(parent, 'secret.txt'), 'outside the site');
    server = await serveDocs({ dir: site });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(parent, { recursive: true, force: true });
  });

  it('listens on a free loopback port and serves index.html', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<title>docs</title>');
  });

  it('answers Redoc routes without an extension with the page, and a missing file with 404', async () => {
    expect((await fetch(new URL('section/authentication', server.url))).status).toBe(200);
    expect((await fetch(new URL('favicon.ico', server.url))).status).toBe(404);
  });

  /** A GET with the path sent as written: fetch would normalize the dot segments away first. */
  function rawGet(path: string): Promise<{ status: number; body: string }> {
    const { hostname, port } = new URL(server.url);
    return new Promise((resolve, reject) => {
      const req = request({ host: hostname, port, path, method: 'GET' }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('never serves a file outside the site folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/a/../../secret.txt']) {
      const { status, body } = await rawGet(path);
      expect(body, path).not.toContain('outside the site');
      expect(status, path).toBe(404);
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await fetch(server.url, { method: 'POST', body: '{}' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('fails clearly when the site has not been built', async () => {
    await expect(serveDocs({ dir: join(parent, 'missing') })).rejects.toThrow(/no docs site at .*index\.html: run `pnpm docs` first/);
  });
});
