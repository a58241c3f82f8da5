import type { BundledSpec } from '../../generate/artifact.ts';
import { resolveRef, type SpecOperation } from '../spec-walk.ts';
import { pathParameterEnvironment, sampleValues, tokenEnvironment } from './sample-values.ts';
import { tsLiteral } from './ts-literal.ts';

const clientPackage = '@voucher-programs/client';

/**
 * A TypeScript sample for one operation, calling the named method of `@voucher-programs/client`
 * (`client.<tag>.<operationId>`) with the same example values as the curl sample. Paged
 * operations also show `client.paginate`. The docs tests type-check every sample against the client.
 */
export function typescriptSample(spec: BundledSpec, op: SpecOperation, serverUrl: string): string {
  const values = sampleValues(spec, op);
  const init: Record<string, string> = {};
  const path = Object.fromEntries(
    values.pathParameters.filter((p) => !pathParameterEnvironment[p.name]).map((p) => [p.name, p.example]),
  );
  if (Object.keys(path).length > 0) init.path = tsLiteral(path, '  ');
  if (values.queryParameters.length > 0) {
    init.query = tsLiteral(Object.fromEntries(values.queryParameters.map((p) => [p.name, p.example])), '  ');
  }
  const acceptLanguage = values.headerParameters.find((p) => p.name.toLowerCase() === 'accept-language');
  const otherHeaders = values.headerParameters.filter((p) => p !== acceptLanguage);
  if (otherHeaders.length > 0) init.headers = tsLiteral(Object.fromEntries(otherHeaders.map((p) => [p.name, p.example])), '  ');
  if (values.body) init.body = tsLiteral(values.body.value, '  ');
  const argument = Object.keys(init).length
    ? `{\n${Object.entries(init).map(([key, literal]) => `  ${key}: ${literal},`).join('\n')}\n}`
    : '';

  const options = [`  baseUrl: ${tsLiteral(serverUrl)},`];
  if (values.usesRiderToken) {
    options.push(`  userAuth: { type: 'token', token: process.env.${tokenEnvironment.rider}! },`);
  } else {
    options.push(
      `  organizationId: process.env.${pathParameterEnvironment.organization_id}!,`,
      `  auth: {`,
      `    type: 'clientCredentials',`,
      `    clientId: process.env.UBER_CLIENT_ID!,`,
      `    clientSecret: process.env.UBER_CLIENT_SECRET!,`,
      `  },`,
    );
  }
  if (acceptLanguage) options.push(`  acceptLanguage: ${tsLiteral(acceptLanguage.example)},`);

  const call = `client.${op.tag}.${op.operationId}(${argument})`;
  const resultName = resultVariable(op.operationId);
  const lines = [
    `import { VoucherProgramsClient } from '${clientPackage}';`,
    ``,
    `const client = new VoucherProgramsClient({`,
    ...options,
    `});`,
    ``,
    ...(answersWithBody(spec, op) ? [`const ${resultName} = await ${call};`, `console.log(${resultName});`] : [`await ${call};`]),
  ];
  const items: string | undefined = op.operation['x-pagination']?.items;
  if (items) {
    lines.push(
      ``,
      `// Or every item of every page, fetched as the loop goes:`,
      `for await (const item of client.paginate('${op.operationId}'${argument ? `, ${argument}` : ''})) {`,
      `  console.log(item);`,
      `}`,
    );
  }
  return lines.join('\n');
}

/** Whether the first 2xx response documents a JSON body (cancel program answers 204 without one). */
function answersWithBody(spec: BundledSpec, op: SpecOperation): boolean {
  const success = Object.entries<unknown>(op.operation.responses ?? {}).find(([status]) => /^2\d\d$/.test(status));
  if (!success) return false;
  return resolveRef(spec, success[1]).content?.['application/json'] !== undefined;
}

/** `getVoucherCodes` → `voucherCodes`: the operation's noun names what it answers with. */
function resultVariable(operationId: string): string {
  const noun = operationId.replace(/^[a-z]+/, '');
  return noun ? noun[0]!.toLowerCase() + noun.slice(1) : 'answer';
}
