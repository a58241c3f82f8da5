/**
 * `pnpm run docs` builds the docs site into generated/docs/ from generated/openapi.json;
 * `pnpm run docs --serve [--port N]` also serves it on loopback until interrupted.
 */
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDocsSite } from './docs/build.ts';
import { serveDocs } from './docs/serve.ts';
import { repoRoot } from './lib/run.ts';

const { values } = parseArgs({
  options: { serve: { type: 'boolean', default: false }, port: { type: 'string', default: '0' } },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be an integer from 0 to 65535, got ${JSON.stringify(values.port)}`);
  process.exit(2);
}

try {
  const build = buildDocsSite();
  console.log(`built ${relative(repoRoot, build.indexHtmlPath)} (${Math.round(build.bytes / 1024)} KiB) in ${build.milliseconds} ms`);
  if (values.serve) {
    const server = await serveDocs({ port });
    console.log(`docs: ${server.url}`);
    const stop = () => void server.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
} catch (error) {
  console.error(`docs build failed: ${(error as Error).message}`);
  process.exit(1);
}
