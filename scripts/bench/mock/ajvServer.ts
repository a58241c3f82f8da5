/**
 * The practical ceiling for a validating mock: a throwaway server that checks the same requests
 * against the bundle with Ajv 2020 (bearer token, path and query parameters, JSON body) and answers
 * each operation's first success example, serialized once. Not a mock anyone should use: no
 * content negotiation, no Prefer, no error model. Prints its port on stdout.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { loadOpenApiDocument } from '@voucher-programs/spec';
import { listOperations, resolveRef } from '../../docs/spec-walk.ts';
import type { BundledSpec } from '../../generate/artifact.ts';

const addFormats = addFormatsModule as unknown as { default: (ajv: Ajv2020) => Ajv2020 };
const bundle = loadOpenApiDocument() as BundledSpec;
const documentId = 'urn:voucher-programs:openapi';
// Parameters arrive as strings: coerce them as a server framework would; bodies are checked as sent.
const bodyAjv = new Ajv2020({ strict: false });
const parameterAjv = new Ajv2020({ strict: false, coerceTypes: true });
for (const ajv of [bodyAjv, parameterAjv]) {
  addFormats.default(ajv);
  ajv.addSchema({ ...bundle, $id: documentId });
}
const pointer = (...segments: string[]) => `${documentId}#/${segments.map((s) => s.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  parameters: ValidateFunction;
  body: ValidateFunction | undefined;
  answer: { status: number; payload: string };
}

const routes: Route[] = listOperations(bundle).map((op) => {
  const names: string[] = [];
  const pattern = new RegExp(`^${op.path.replace(/\{([^}]+)\}/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`);
  const inPathOrQuery = op.parameters.filter((p) => p.in === 'path' || p.in === 'query');
  const parameters = parameterAjv.compile({
    type: 'object',
    properties: Object.fromEntries(inPathOrQuery.map((p) => [p.name, p.schema])),
    required: inPathOrQuery.filter((p) => p.required).map((p) => p.name),
  });
  const body = op.operation.requestBody
    ? bodyAjv.compile({ $ref: pointer('paths', op.path, op.method, 'requestBody', 'content', 'application/json', 'schema') })
    : undefined;
  const [status, response] = Object.entries<Record<string, any>>(op.operation.responses).find(([code]) => code.startsWith('2'))!;
  const content = resolveRef(bundle, response).content?.['application/json'];
  const named = Object.values(content?.examples ?? {})[0];
  const schema = resolveRef(bundle, content?.schema ?? {});
  const example = content?.example ?? (named ? resolveRef<{ value?: unknown }>(bundle, named).value : undefined) ?? schema.example ?? schema.examples?.[0];
  return { method: op.method.toUpperCase(), pattern, names, parameters, body, answer: { status: Number(status), payload: JSON.stringify(example ?? {}) } };
});

const send = (reply: import('node:http').ServerResponse, status: number, payload: string) =>
  reply.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }).end(payload);

const server = createServer((request, reply) => {
  const url = new URL(request.url ?? '/', 'http://bench.invalid');
  let match: RegExpExecArray | null = null;
  const route = routes.find((candidate) => candidate.method === request.method && (match = candidate.pattern.exec(url.pathname)));
  if (!route || !match) return send(reply, 404, '{"code":"resource_not_found"}');
  const found: RegExpExecArray = match;
  if (!/^Bearer \S/.test(request.headers.authorization ?? '')) return send(reply, 401, '{"code":"unauthorized"}');
  const chunks: Uint8Array[] = [];
  request.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  request.on('end', () => {
    const parameters: Record<string, unknown> = Object.fromEntries(url.searchParams);
    route.names.forEach((name, i) => (parameters[name] = decodeURIComponent(found[i + 1]!)));
    if (!route.parameters(parameters)) return send(reply, 400, '{"code":"invalid_request"}');
    if (route.body) {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return send(reply, 400, '{"code":"invalid_request"}');
      }
      if (!route.body(body)) return send(reply, 400, '{"code":"invalid_request"}');
    }
    send(reply, route.answer.status, route.answer.payload);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
