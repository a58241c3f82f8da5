/**
 * The sandbox's quick answer check must give Prism's verdict on every answer: the same findings,
 * worded the same, or none. Prism's whole validateOutput is the judge; the answers are the spec's
 * own examples for every operation and status, each also broken one way at a time, under the
 * declared status and others, with the right, a wrong and no content type, each checked twice
 * (the second time takes whatever the quick check remembered).
 */
import { describe, expect, test } from 'vitest';
import type { IHttpResponse } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import { bundledSpecPath } from '../../src/bundledSpec.js';
import { loadSpecOperations } from '../../src/specOperations.js';
import { prismValidateOutput, type ValidateOutput } from '../../src/sandbox/outputValidation.js';
import { withQuickOutputCheck } from '../../src/sandbox/quickOutputCheck.js';

const operations = await loadSpecOperations(bundledSpecPath, { precomputed: true });

/** The body broken one way at a time: each property dropped, of the wrong type, null; one unknown property; a nested one wrong. */
function brokenBodies(body: unknown): unknown[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [42, 'text', null, []];
  const record = body as Record<string, unknown>;
  const broken: unknown[] = [{ ...record, unexpected_property: 1 }, {}, []];
  for (const [name, value] of Object.entries(record)) {
    const { [name]: _dropped, ...rest } = record;
    broken.push(rest, { ...record, [name]: 42 }, { ...record, [name]: 'text' }, { ...record, [name]: null }, { ...record, [name]: { nested: true } });
    if (!Array.isArray(value)) continue;
    const first: unknown = value[0];
    if (first && typeof first === 'object') {
      const key = Object.keys(first)[0];
      if (key !== undefined) broken.push({ ...record, [name]: [{ ...first, [key]: 42 }, ...value.slice(1)] });
    }
  }
  return broken;
}

function answersFor(operation: IHttpOperation): IHttpResponse[] {
  const answers: IHttpResponse[] = [];
  for (const response of operation.responses) {
    const declared = Number(response.code);
    const statuses = Number.isInteger(declared) ? [declared, 299, 418, 500] : [200];
    const bodies = (response.contents ?? []).flatMap((content) => (content.examples ?? []).flatMap((example) => ('value' in example ? [example.value, ...brokenBodies(example.value)] : [])));
    if (bodies.length === 0) bodies.push(undefined, {});
    for (const statusCode of statuses) {
      for (const body of bodies) {
        const headerSets: Record<string, string>[] = [{ 'Content-Type': 'application/json' }, { 'Content-Type': 'text/plain' }, {}, { 'Content-Type': 'application/json', 'Retry-After': 'soon' }];
        for (const headers of headerSets) {
          answers.push({ statusCode, headers, body: structuredClone(body) });
        }
      }
    }
  }
  return answers;
}

describe('the quick answer check finds what Prism finds', () => {
  test('on every example answer of every operation, whole and broken, checked twice', () => {
    let prismCalls = 0;
    const countedPrism: ValidateOutput = (options) => (prismCalls++, prismValidateOutput(options));
    const quick = withQuickOutputCheck(countedPrism);
    let checked = 0;
    let valid = 0;
    for (const resource of operations) {
      for (const answer of answersFor(resource)) {
        const expected = prismValidateOutput({ resource, element: structuredClone(answer) });
        for (let time = 0; time < 2; time++) {
          const found = quick({ resource, element: structuredClone(answer) });
          expect(found._tag, `${resource.iid} ${answer.statusCode} ${JSON.stringify(answer.headers)} ${JSON.stringify(answer.body)}`).toBe(expected._tag);
          if (expected._tag === 'Left') expect(found).toEqual(expected);
          checked++;
        }
        if (expected._tag === 'Right') valid++;
      }
    }
    expect(checked).toBeGreaterThan(2_000);
    expect(valid, 'enough valid answers to take the quick way').toBeGreaterThan(50);
    // Prism is asked about the answers it finds fault with, never about the valid ones.
    expect(prismCalls).toBe(checked - 2 * valid);
  });
});
