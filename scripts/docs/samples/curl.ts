import type { BundledSpec } from '../../generate/artifact.ts';
import type { SpecOperation } from '../spec-walk.ts';
import { pathParameterEnvironment, sampleValues, tokenEnvironment } from './sample-values.ts';

/** Quotes a value for a POSIX shell: single quotes, with each inner quote closed, escaped and reopened. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A curl command for one operation: the organization id and the token come from environment
 * variables (`$UBER_ORGANIZATION_ID`, `$UBER_TOKEN` or for redeem `$UBER_RIDER_TOKEN`), other
 * path ids, the query and the body from the spec's examples.
 */
export function curlSample(spec: BundledSpec, op: SpecOperation, serverUrl: string): string {
  const values = sampleValues(spec, op);
  // Inside double quotes only `$`, backtick, backslash and `"` are special; path templates contain none of them.
  let url = serverUrl.replace(/\/+$/, '') + op.path;
  for (const p of values.pathParameters) {
    const variable = pathParameterEnvironment[p.name];
    url = url.replace(`{${p.name}}`, variable ? `\${${variable}}` : encodeURIComponent(String(p.example)));
  }
  if (/[`"\\]/.test(url)) throw new Error(`${op.operationId}: the URL ${url} cannot be shown in a curl sample`);
  const query = new URLSearchParams(values.queryParameters.map((p) => [p.name, String(p.example)])).toString();
  if (query) url += `?${query}`;

  const token = values.usesRiderToken ? tokenEnvironment.rider : tokenEnvironment.organization;
  const lines = [`curl --request ${op.method.toUpperCase()}`, `--url "${url}"`, `--header "Authorization: Bearer $${token}"`];
  for (const header of values.headerParameters) lines.push(`--header ${shellQuote(`${header.name}: ${header.example}`)}`);
  if (values.body) {
    lines.push(`--header 'Content-Type: application/json'`);
    lines.push(`--data ${shellQuote(JSON.stringify(values.body.value, null, 2))}`);
  }
  return lines.join(' \\\n  ');
}
