import type { BundledSpec, GeneratedFile } from './artifact.ts';

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** What a client needs to know about one operation at run time, read from the spec. */
interface OperationEntry {
  method: string;
  path: string;
  tag: string;
  idempotent: boolean;
  pagination: Record<string, string> | null;
  /** The only servers that serve it (the sandbox calls), or null when every server of the spec does. */
  servers: string[] | null;
  scopes: string[];
  pathParams: string[];
  errorCodes: string[];
}

/**
 * The part of an entry a client reads at run time. Scopes and error codes are left out (whether
 * only a rider's token can call it is all a client needs of the scopes), and so are fields at their
 * default (not idempotent, no paging, every server, the organization's token), so a browser bundle
 * carries a third less.
 */
interface ClientOperation {
  method: string;
  path: string;
  tag: string;
  idempotent?: true;
  pagination?: Record<string, string>;
  servers?: string[];
  /** Only a rider's token can call it: none of its scopes is one an organization's credentials carry. */
  riderToken?: true;
}

function clientOperationFor(entry: OperationEntry, organizationScopes: ReadonlySet<string>): ClientOperation {
  const { method, path, tag, idempotent, pagination, servers, scopes } = entry;
  const riderToken = scopes.length > 0 && !scopes.some((scope) => organizationScopes.has(scope));
  return {
    method,
    path,
    tag,
    ...(idempotent && { idempotent }),
    ...(pagination && { pagination }),
    ...(servers && { servers }),
    ...(riderToken && { riderToken }),
  };
}

// The declared type of the client's table: one shape for every operation, so a field left out reads as undefined.
const clientOperationType = `{
  readonly method: "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
  readonly path: string;
  readonly tag: string;
  readonly idempotent?: true;
  readonly pagination?: { readonly style: string; readonly in: string; readonly limit: string; readonly offset?: string; readonly cursor?: string; readonly next?: string; readonly items: string };
  readonly servers?: readonly string[];
  readonly riderToken?: true;
}`;

function resolve(spec: BundledSpec, node: any): any {
  if (!node || typeof node.$ref !== 'string') return node;
  if (!node.$ref.startsWith('#/')) throw new Error(`unexpected non-local $ref ${node.$ref} in the bundle`);
  const target = node.$ref.slice(2).split('/').reduce((at: any, key: string) => at?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
  if (target === undefined) throw new Error(`unresolved $ref ${node.$ref}`);
  return resolve(spec, target);
}

function entryFor(spec: BundledSpec, path: string, method: string, op: any, shared: any[]): OperationEntry {
  const where = `${method.toUpperCase()} ${path} (${op.operationId})`;
  if (typeof op['x-idempotent'] !== 'boolean') throw new Error(`${where} has no boolean x-idempotent`);
  const tag = op.tags?.[0];
  if (typeof tag !== 'string') throw new Error(`${where} has no tag`);
  const parameters = [...shared, ...(op.parameters ?? [])].map((p) => resolve(spec, p));
  const security: Record<string, string[]>[] = op.security ?? spec.security ?? [];
  const errorCodes = Object.entries(op.responses ?? {})
    .filter(([status]) => !/^2/.test(status))
    .flatMap(([, response]) => Object.values(resolve(spec, response).content ?? {}))
    .flatMap((media: any) => Object.keys(media.examples ?? {}));
  return {
    method,
    path,
    tag,
    idempotent: op['x-idempotent'],
    pagination: op['x-pagination'] ?? null,
    servers: Array.isArray(op.servers) ? op.servers.map((server: { url: string }) => server.url) : null,
    scopes: [...new Set(security.flatMap((requirement) => Object.values(requirement).flat()))],
    pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
    errorCodes: [...new Set(errorCodes)].sort(),
  };
}

/**
 * The operation table: one entry per operationId with its method, path, tag, `x-idempotent`,
 * `x-pagination`, its own servers, scopes and documented error codes, as data (operations.js) and as literal
 * types (operations.d.ts), so the client builds its named methods, retry rules and iterators from
 * the spec instead of a hand-kept list. It has no imports, so it runs in browsers too.
 */
export function emitOperations(spec: BundledSpec): GeneratedFile[] {
  const table: Record<string, OperationEntry> = {};
  for (const [path, item] of Object.entries<any>(spec.paths ?? {})) {
    for (const method of httpMethods) {
      const op = item[method];
      if (!op) continue;
      if (table[op.operationId]) throw new Error(`operationId ${op.operationId} is used twice`);
      table[op.operationId] = entryFor(spec, path, method, op, item.parameters ?? []);
    }
  }
  const errorCodes: string[] = resolve(spec, spec.components?.schemas?.ErrorCode)?.enum ?? [];
  // Scopes an organization's own client credentials can be granted; the rest need a user's consent.
  const organizationScopes = new Set(
    Object.values<any>(spec.components?.securitySchemes ?? {}).flatMap((scheme) => Object.keys(scheme.flows?.clientCredentials?.scopes ?? {})),
  );
  const clientTable = Object.fromEntries(Object.entries(table).map(([id, entry]) => [id, clientOperationFor(entry, organizationScopes)]));
  const clientDoc =
    '/** The part of the table a client reads at run time, small enough for a browser bundle: method, path, tag, and only where they differ from the default, retry safety, paging, its own servers, and whether only a rider\'s token can call it (scopes such as `vouchers.redeem`, which client credentials never carry). */';
  const header = '// Generated by `pnpm generate` from spec/. Do not edit: change the spec and regenerate.\n';
  const js = [
    header,
    '/** Every operation of the spec by operationId: method, path, tag, retry safety (`x-idempotent`), paging (`x-pagination`), its own servers (null: every server of the spec), scopes and documented error codes. */',
    `export const operationTable = ${JSON.stringify(table, null, 2)};`,
    '',
    clientDoc,
    `export const clientOperations = ${JSON.stringify(clientTable, null, 2)};`,
    '',
    '/** Every documented error `code`. */',
    `export const errorCodes = ${JSON.stringify(errorCodes)};`,
    '',
  ].join('\n');
  // JSON is also a valid TypeScript type literal: every value keeps its literal type.
  const dts = [
    header,
    '/** Every operation of the spec by operationId: method, path, tag, retry safety (`x-idempotent`), paging (`x-pagination`), its own servers (null: every server of the spec), scopes and documented error codes. */',
    `export declare const operationTable: ${JSON.stringify(table, null, 2).replace(/^(\s*)"(\w+)":/gm, '$1readonly "$2":').replace(/\[/g, 'readonly [')};`,
    '',
    clientDoc,
    `export declare const clientOperations: { readonly [operationId in keyof typeof operationTable]: ${clientOperationType.replace(/\n/g, '\n  ')} };`,
    '',
    '/** Every documented error `code`. */',
    `export declare const errorCodes: readonly ${JSON.stringify(errorCodes)};`,
    '',
  ].join('\n');
  return [
    { path: 'operations.js', contents: js },
    { path: 'operations.d.ts', contents: dts },
  ];
}
