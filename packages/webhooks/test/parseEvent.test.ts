import { Ajv2020 } from 'ajv/dist/2020.js';
import { loadOpenApiDocument } from '@voucher-programs/spec';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { WebhookError } from '../src/errors.js';
import type { VoucherProgramCodeRedeemedEvent, WebhookEnvironment } from '../src/events.js';
import { exampleEvents } from '../src/exampleEvents.js';
import { describeEnvelopeProblems, parseWebhookEvent } from '../src/parseEvent.js';
import { signWebhookBody } from '../src/signature.js';
import { verifyWebhook } from '../src/verifyWebhook.js';
import { specWebhooks } from './specExamples.js';
import { refusal } from './refusal.js';

const signingKey = 'whsec_parse_tests';

function deliver(body: string | Uint8Array, environment?: string) {
  return verifyWebhook({ rawBody: body, signature: signWebhookBody(body, signingKey), environment, signingKeys: signingKey });
}


describe('parsing verified events', () => {
  it.each(specWebhooks())('parses and types the spec example of $name', ({ eventType, example }) => {
    const delivery = deliver(JSON.stringify(example), 'sandbox');
    expect(delivery.known).toBe(true);
    expect(delivery.event).toEqual(example);
    expect(delivery.event.event_type).toBe(eventType);
    expect(delivery.environment).toBe('sandbox');
  });

  it('narrows the union on known, then exhaustively on event_type', () => {
    const delivery = deliver(JSON.stringify(exampleEvents.voucher_program_code_redeemed), 'production');
    expectTypeOf(delivery.environment).toEqualTypeOf<WebhookEnvironment | undefined>();
    if (!delivery.known) throw new Error('expected a known event');
    const { event } = delivery;
    switch (event.event_type) {
      case 'voucher_program_code_redeemed':
        expectTypeOf(event).toEqualTypeOf<VoucherProgramCodeRedeemedEvent>();
        expect(event.meta.user_id).toBe('6c5b4a3f-2e1d-4c0b-9a8f-7e6d5c4b3a2f');
        break;
      case 'voucher_program_activated':
      case 'voucher_program_completed':
      case 'voucher_program_code_distributed':
        throw new Error(`wrong event ${event.event_type}`);
      default:
        expectTypeOf(event).toBeNever();
    }
  });

  it('passes an unknown event type on, typed as unknown, rather than refusing it', () => {
    const future = { ...exampleEvents.voucher_program_activated, event_type: 'voucher_program_paused', extra: 1 };
    const delivery = deliver(JSON.stringify(future));
    expect(delivery.known).toBe(false);
    expect(delivery.event).toEqual(future);
    expect(delivery.environment).toBeUndefined();
  });

  it('keeps fields Uber may add later', () => {
    const richer = { ...exampleEvents.voucher_program_completed, meta: { ...exampleEvents.voucher_program_completed.meta, trips: 3 }, version: 2 };
    expect(deliver(JSON.stringify(richer)).event).toEqual(richer);
  });

  it('accepts every X-Environment value the spec lists, reading either case of the sandbox as sandbox', () => {
    const document = loadOpenApiDocument() as { components: { parameters: { XEnvironment: { schema: { enum: string[] } } } } };
    const values = document.components.parameters.XEnvironment.schema.enum;
    expect(values).toContain('Sandbox');
    const body = JSON.stringify(exampleEvents.voucher_program_activated);
    for (const value of values) expect(deliver(body, value).environment).toBe(value.toLowerCase());
  });

  it('refuses an X-Environment that is neither production nor sandbox', () => {
    const body = JSON.stringify(exampleEvents.voucher_program_activated);
    expect(refusal(() => deliver(body, 'staging')).code).toBe('environment_invalid');
    expect(refusal(() => deliver(body, 'Production')).code).toBe('environment_invalid');
  });

  it('checks the signature before it parses', () => {
    const notJson = '{"event_id": ';
    const error = refusal(() => verifyWebhook({ rawBody: notJson, signature: 'f'.repeat(64), signingKeys: signingKey }));
    expect(error.code).toBe('signature_mismatch');
  });
});

describe('refusing bad bodies with a clear error', () => {
  it('refuses malformed JSON without quoting the body', () => {
    const error = refusal(() => deliver('{"event_id": "secret-looking-value",'));
    expect(error.code).toBe('body_not_json');
    expect(error.status).toBe(400);
    expect(error.message).not.toContain('secret-looking-value');
  });

  it('refuses an empty body and a blank one', () => {
    expect(refusal(() => deliver('')).message).toMatch(/empty/);
    expect(refusal(() => deliver(' \n')).code).toBe('body_not_json');
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(refusal(() => deliver(new Uint8Array([0x7b, 0xff, 0x7d]))).message).toMatch(/UTF-8/);
  });

  it('names every problem of an invalid envelope', () => {
    const { meta, ...withoutMeta } = exampleEvents.voucher_program_activated;
    const bad = { ...withoutMeta, event_id: '', event_time: 1798761600.5 };
    const error = refusal(() => deliver(JSON.stringify(bad)));
    expect(error.code).toBe('event_invalid');
    expect(error.message).toContain('event_id must be a non-empty string');
    expect(error.message).toContain('event_time must be a non-negative integer');
    expect(error.message).toContain('meta must be an object');
    expect(refusal(() => deliver('[]')).message).toContain('must be a JSON object');
    expect(refusal(() => deliver('null')).code).toBe('event_invalid');
    expect(refusal(() => deliver(JSON.stringify({ ...exampleEvents.voucher_program_activated, meta: { status: 'ACTIVE' } }))).message).toContain(
      'meta.resource_id must be a string',
    );
  });

  it('parseWebhookEvent alone gives the same verdicts', () => {
    expect(parseWebhookEvent(JSON.stringify(exampleEvents.voucher_program_activated))).toEqual(exampleEvents.voucher_program_activated);
    expect(() => parseWebhookEvent('{}')).toThrow(WebhookError);
  });
});

describe('the envelope check agrees with the spec’s JSON Schema', () => {
  const document = loadOpenApiDocument();
  // OpenAPI 3.1 schemas are JSON Schema 2020-12, where `format` is an annotation, not an assertion.
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: false });
  ajv.addSchema(document, 'openapi.json');
  const validateEnvelope = ajv.getSchema('openapi.json#/components/schemas/WebhookEvent')!;
  const validatorsByType = new Map(
    specWebhooks().map(({ eventType, schemaName }) => [
      eventType,
      ajv.getSchema(`openapi.json#/components/schemas/${schemaName}`)!,
    ]),
  );

  const ourVerdict = (value: unknown): boolean => describeEnvelopeProblems(value).length === 0;

  function expectSameVerdicts(value: unknown): void {
    expect(ourVerdict(value), JSON.stringify(value)).toBe(validateEnvelope(value));
    for (const [eventType, validate] of validatorsByType) {
      const ours = ourVerdict(value) && (value as { event_type?: unknown }).event_type === eventType;
      expect(ours, `${eventType}: ${JSON.stringify(value)}`).toBe(validate(value));
    }
  }

  const fieldPaths = [
    ['event_id'],
    ['event_time'],
    ['event_type'],
    ['resource_href'],
    ['meta'],
    ['meta', 'resource_id'],
    ['meta', 'user_id'],
    ['meta', 'org_uuid'],
    ['meta', 'status'],
  ] as const;

  const interestingValues = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('', 'x', 0, -1, 1.5, 2 ** 53, 1798761600000, -0, null, true, [], {}, 'not a uri'),
  );

  const mutatedEvent = fc
    .tuple(
      fc.constantFrom(...Object.values(exampleEvents)),
      fc.array(
        fc.record({
          path: fc.constantFrom(...fieldPaths),
          change: fc.oneof(fc.constant({ remove: true as const }), interestingValues.map((value) => ({ value }))),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    )
    .map(([example, mutations]) => {
      const event: Record<string, any> = structuredClone(example);
      for (const { path, change } of mutations) {
        const parent = path.length === 1 ? event : event['meta'];
        if (typeof parent !== 'object' || parent === null || Array.isArray(parent)) continue;
        const key = path.at(-1)!;
        if ('remove' in change) delete parent[key];
        // A copy: fast-check hands out the same `{}` and `[]` every time, and writing into a shared
        // one made cyclic events (and leaked mutations from one run into the next).
        else parent[key] = structuredClone(change.value);
      }
      return event;
    });

  it('on every spec example', () => {
    for (const event of Object.values(exampleEvents)) {
      expect(validateEnvelope(event)).toBe(true);
      expectSameVerdicts(event);
    }
  });

  it('on mutated events', () => {
    fc.assert(fc.property(mutatedEvent, (event) => expectSameVerdicts(event)), { numRuns: 400 });
  });

  it('on arbitrary JSON values', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => expectSameVerdicts(value)), { numRuns: 200 });
  });
});
