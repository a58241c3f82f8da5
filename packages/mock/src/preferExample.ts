import { isDeepStrictEqual } from 'node:util';
import type { IHttpOperationConfig, IHttpResponse } from '@stoplight/prism-http';
import type { IHttpOperation, IHttpOperationResponse, INodeExample, INodeExternalExample } from '@stoplight/types';

type Preferences = Partial<IHttpOperationConfig>;

export type PreferOutcome = { preferences: Preferences } | { refusal: string };

function exampleKeys(response: IHttpOperationResponse | undefined): string[] {
  const keys = (response?.contents ?? []).flatMap((content) => (content.examples ?? []).map((example) => example.key));
  // Prism files a schema-level `example` under `default`; only the spec's named examples can be asked for.
  return [...new Set(keys.filter((key) => key !== 'default'))];
}

function successOf(operation: IHttpOperation): IHttpOperationResponse | undefined {
  return operation.responses.find((response) => /^2\d\d$/.test(response.code));
}

function list(names: readonly string[]): string {
  return names.length > 0 ? names.join(', ') : 'none';
}

// An operation's request examples, gathered once: pairing looks at them on every request.
const requestExampleLists = new WeakMap<IHttpOperation, (INodeExample | INodeExternalExample)[]>();

function requestExamples(operation: IHttpOperation): (INodeExample | INodeExternalExample)[] {
  let examples = requestExampleLists.get(operation);
  if (!examples) {
    examples = (operation.request?.body?.contents ?? []).flatMap((content) => content.examples ?? []).filter((example) => example.key !== 'default');
    requestExampleLists.set(operation, examples);
  }
  return examples;
}

/**
 * The request example the body is closest to, by which top-level fields it shares with each:
 * same value +1, present in one and not the other -1. Only a clear winner counts.
 */
function closestRequestExample(operation: IHttpOperation, body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const examples = requestExamples(operation);
  if (examples.length === 0) return undefined;
  const scored = examples.flatMap((example) => {
    const value = (example as { value?: unknown }).value;
    if (typeof value !== 'object' || value === null) return [];
    const sent = body as Record<string, unknown>;
    const wanted = value as Record<string, unknown>;
    let score = 0;
    for (const key of new Set([...Object.keys(sent), ...Object.keys(wanted)])) {
      if (!(key in sent) || !(key in wanted)) score -= 1;
      else if (isDeepStrictEqual(sent[key], wanted[key])) score += 1;
    }
    return [{ key: example.key, score }];
  });
  scored.sort((a, b) => b.score - a.score);
  const [best, runnerUp] = scored;
  return best && (!runnerUp || best.score > runnerUp.score) ? best.key : undefined;
}

/**
 * Checks a request's `Prefer` against what the operation declares, so a wrong status or example
 * name is a clear 400 naming the choices instead of Prism's not-found error.
 */
export function resolvePrefer(operation: IHttpOperation, preferences: Preferences): PreferOutcome {
  const { code, exampleKey } = preferences;
  const statuses = operation.responses.map((response) => response.code);
  if (code !== undefined && !statuses.includes(String(code))) {
    return { refusal: `Prefer code=${code}: this operation declares ${list(statuses)}` };
  }
  if (exampleKey === undefined) return { preferences };
  const response = code !== undefined ? operation.responses.find((candidate) => candidate.code === String(code)) : successOf(operation);
  const available = exampleKeys(response);
  if (available.includes(exampleKey)) return { preferences };
  const elsewhere = operation.responses.find((candidate) => exampleKeys(candidate).includes(exampleKey));
  const hint = elsewhere ? `; ${exampleKey} is an example of status ${elsewhere.code}: send Prefer: code=${elsewhere.code}, example=${exampleKey}` : '';
  return { refusal: `Prefer example=${exampleKey}: status ${response?.code ?? 'success'} of this operation has the examples ${list(available)}${hint}` };
}

/**
 * The success answer named like the request example the body follows, when the request asked for
 * no example: a multi-code create request gets the multi-code answer, not the first one listed.
 */
export function pairedExample(operation: IHttpOperation, body: unknown, output: IHttpResponse): IHttpResponse {
  if (output.statusCode < 200 || output.statusCode > 299) return output;
  const name = closestRequestExample(operation, body);
  if (name === undefined) return output;
  const response = operation.responses.find((candidate) => candidate.code === String(output.statusCode));
  for (const content of response?.contents ?? []) {
    const example = (content.examples ?? []).find((candidate) => candidate.key === name) as { value?: unknown } | undefined;
    if (example && 'value' in example) return { ...output, body: example.value };
  }
  return output;
}
