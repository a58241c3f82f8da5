import type { SpecOperation } from '../../../scripts/docs/spec-walk.ts';
import { bundle } from './bundle.ts';
import { enumerateResponseCases } from './response-cases.ts';
import { schemaValidator, validateError } from './schema-validator.ts';

/** How long one answer may take, however bad the request. */
export const answerBoundMs = 5_000;

export interface RawRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it was empty or not JSON. */
  json: unknown;
}

/** Plain fetch, not the client: bad input must reach the mock exactly as written, within the bound. */
export async function send(request: RawRequest, fetchAnswer: typeof fetch = fetch): Promise<RawAnswer> {
  const response = await fetchAnswer(request.url, {
    method: request.method,
    headers: request.headers ?? {},
    ...(request.body !== undefined ? { body: request.body } : {}),
    signal: AbortSignal.timeout(answerBoundMs),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

const responseSchemas = new Map(enumerateResponseCases(bundle).map((c) => [`${c.operationId} ${c.status}`, c.schemaPointer]));

/**
 * What is wrong with an answer, by the spec: a status the operation does not declare (an unroutable
 * request may get 404), an error body outside the Error model, or a success body outside its schema.
 */
export function answerProblems(op: SpecOperation | undefined, answer: RawAnswer): string[] {
  const status = String(answer.status);
  if (op && !(status in op.operation.responses)) return [`${op.operationId} does not declare status ${status}`];
  if (!op && status !== '404') return [`an unroutable request got ${status}, not 404`];
  if (answer.status >= 200 && answer.status < 300) {
    const pointer = responseSchemas.get(`${op!.operationId} ${status}`);
    if (!pointer) return answer.text === '' ? [] : [`status ${status} declares no body but got ${answer.text.slice(0, 100)}`];
    return schemaValidator(pointer)(answer.json);
  }
  if (!/^application\/json\b/.test(answer.headers.get('content-type') ?? '')) return [`error answer with content type ${answer.headers.get('content-type')}`];
  return validateError(answer.json);
}

export function describeAnswer(request: RawRequest, answer: RawAnswer): string {
  const body = request.body === undefined ? '' : request.body.length > 300 ? ` <${request.body.length} characters>` : ` ${request.body}`;
  return `${request.method} ${request.url.slice(0, 300)}${body} -> ${answer.status} ${answer.text.slice(0, 300)}`;
}
