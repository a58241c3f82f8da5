import { describe, expect, it } from 'vitest';
import { deref, isObject, listOperations, loadBundle, resolvePointer, type Json, type JsonObject } from './support/bundle.ts';
import { collectExamples } from './support/examples.ts';
import { createExampleValidator } from './support/exampleValidator.ts';

const bundle = loadBundle();
const examples = collectExamples(bundle);
const validate = createExampleValidator(bundle);

describe('every example in the bundle matches its schema', () => {
  it('finds examples of every kind, in calls and in webhooks', () => {
    const kinds = new Set(examples.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['header', 'media type', 'parameter', 'schema']);
    expect(examples.some((e) => e.where.includes('/requestBody/'))).toBe(true);
    expect(examples.some((e) => e.where.includes('/responses/'))).toBe(true);
    // Error responses carry their named examples through $refs to components/examples.
    expect(examples.filter((e) => e.where.includes('/examples/') && e.kind === 'media type').length).toBeGreaterThan(10);
  });

  it('checks an example of every webhook payload', () => {
    const webhooks = listOperations(bundle).filter((entry) => entry.section === 'webhooks');
    expect(webhooks).toHaveLength(4);
    for (const { key, operation } of webhooks) {
      const media = (deref(bundle, operation.requestBody) as JsonObject).content as JsonObject;
      const schemaRef = ((media['application/json'] as JsonObject).schema as JsonObject).$ref;
      expect(typeof schemaRef, key).toBe('string');
      expect(isObject(deref(bundle, { $ref: schemaRef as string })), key).toBe(true);
      expect(examples.some((e) => e.where === `${schemaRef as string}/example`), `${key} has no payload example`).toBe(true);
    }
  });

  it.each(examples.map((e) => [e.where, e] as const))('%s', (_where, example) => {
    expect(validate(example)).toBeUndefined();
  });
});

describe('the example check itself', () => {
  /** Breaks one example in a copy of the bundle and returns what the check says about that copy. */
  function failuresAfter(breakIt: (doc: JsonObject) => void): string[] {
    const copy = loadBundle();
    breakIt(copy);
    const check = createExampleValidator(copy);
    return collectExamples(copy).flatMap((example) => {
      const failure = check(example);
      return failure ? [`${failure.where}: ${failure.errors}`] : [];
    });
  }

  const createBody = '#/paths/~1v1~1organizations~1{organization_id}~1voucher-programs/post/requestBody/content/application~1json';

  it('rejects a named request example of the wrong type', () => {
    const failures = failuresAfter((doc) => {
      const media = resolvePointer(doc, createBody) as JsonObject;
      const value = ((media.examples as JsonObject).multi_code as JsonObject).value as JsonObject;
      value.number_of_codes = '500';
    });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain(`${createBody}/examples/multi_code`);
    expect(failures[0]).toContain('number_of_codes');
  });

  it('rejects an example that breaks a conditional rule (a single-code program without redemptions_per_code)', () => {
    const failures = failuresAfter((doc) => {
      const media = resolvePointer(doc, createBody) as JsonObject;
      delete (((media.examples as JsonObject).single_code as JsonObject).value as JsonObject).redemptions_per_code;
    });
    expect(failures).toEqual([expect.stringContaining('redemptions_per_code')]);
  });

  it('rejects a malformed format (a resource_href that is not a URI) in a schema-level example', () => {
    const failures = failuresAfter((doc) => {
      const event = resolvePointer(doc, '#/components/schemas/WebhookEvent') as JsonObject;
      (event.example as JsonObject).resource_href = 'not a uri';
    });
    expect(failures).toEqual([expect.stringContaining('#/components/schemas/WebhookEvent/example')]);
  });

  it('rejects a shared error example whose code is not documented, wherever it is used', () => {
    const failures = failuresAfter((doc) => {
      const example = resolvePointer(doc, '#/components/examples/ResourceNotFound') as JsonObject;
      (example.value as { [key: string]: Json }).code = 'not_found';
    });
    expect(failures).toEqual([
      expect.stringMatching(/^#\/components\/responses\/NotFound\/.*examples\/resource_not_found: example\/code must be equal to one of the allowed values/),
      expect.stringMatching(/^#\/components\/responses\/RedeemNotFound\/.*examples\/resource_not_found: example\/code must be equal to one of the allowed values/),
    ]);
  });
});
