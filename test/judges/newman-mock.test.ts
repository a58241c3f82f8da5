import { beforeAll, describe, expect, it } from 'vitest';
import { organizationToken } from '../contract/support/contract-client.ts';
import { bundle, specOperations } from '../contract/support/bundle.ts';
import { enumerateResponseCases, noExample } from '../contract/support/response-cases.ts';
import { useMock } from '../contract/support/mock.ts';
import { failureReport, runCollection } from './support/newmanRun.ts';
import { convertedCollection, judgeScript, requestItems, type PostmanCollection, type PostmanItem } from './support/postmanCollection.ts';

// A Postman collection nobody on the team wrote: openapi-to-postmanv2 converts the bundle, newman
// sends every request, and Postman's own schema check judges each answer.
const voucherMock = useMock();
let collection: PostmanCollection;

beforeAll(async () => {
  collection = await convertedCollection();
  // The converter writes Uber's OAuth 2 grant, which newman cannot fetch; the mock takes any bearer token.
  collection.auth = { type: 'bearer', bearer: [{ key: 'token', value: '{{bearerToken}}', type: 'string' }] };
  for (const item of requestItems(collection)) {
    const request = item.request!;
    delete request.auth;
    // The sandbox trip runs name their own server (sandbox-api.uber.com), which the converter
    // writes as a fixed host: point them at the mock too, so nothing leaves loopback.
    if (request.url.host?.join('.') !== '{{baseUrl}}') {
      request.url.host = ['{{baseUrl}}'];
      delete request.url.protocol;
    }
  }
  collection.event = [judgeScript()];
});

const run = (items: PostmanItem[]) => runCollection({ ...collection, item: items }, { baseUrl: voucherMock.url, bearerToken: organizationToken });

function requestFor(operationId: string): PostmanItem {
  return structuredClone(requestItems(collection).find((item) => item.id === operationId)!);
}

describe('the collection openapi-to-postmanv2 makes from the bundle, run by newman against the mock', () => {
  it('every operation answers a documented 2xx whose body fits its schema', async () => {
    expect(requestItems(collection).map((item) => item.id).sort()).toEqual(specOperations.map((op) => op.operationId).sort());
    const outcomes = await run(requestItems(collection));
    console.info(outcomes.map((outcome) => `newman: ${outcome.name} → ${outcome.status}, ${outcome.passed.length} passed, ${outcome.failed.length} failed`).join('\n'));
    expect(failureReport(outcomes)).toEqual([]);
    expect(outcomes).toHaveLength(specOperations.length);
    // Each request ran the status check, and each with a JSON answer the schema check too.
    for (const outcome of outcomes) expect(outcome.passed, outcome.name).toContain('status is a documented 2xx');
    const withBody = outcomes.filter((outcome) => outcome.status !== 204);
    for (const outcome of withBody) expect(outcome.passed, outcome.name).toContain("answer fits the operation's schema");
  });

  it('every error status and example asked for with Prefer comes with that status and a body in its schema', async () => {
    const errorCases = enumerateResponseCases(bundle).filter((c) => Number(c.status) >= 400);
    const items = errorCases.map((c) => {
      const item = requestFor(c.operationId);
      item.name = `${item.name} (Prefer ${c.status} ${c.example})`;
      item.request!.header!.push({ key: 'Prefer', value: c.example === noExample ? `code=${c.status}` : `code=${c.status}, example=${c.example}` });
      return item;
    });
    const outcomes = await run(items);
    expect(failureReport(outcomes)).toEqual([]);
    expect(outcomes).toHaveLength(errorCases.length);
    for (const outcome of outcomes) expect(outcome.passed, outcome.name).toEqual(expect.arrayContaining(['status is the error asked for', "answer fits the operation's schema"]));
  });

  it('the checks can fail: a status the operation does not document, and an answer judged by another operation\'s schema', async () => {
    // The program's 200, judged as cancel (whose only 2xx is 204).
    const undocumented = requestFor('getVoucherProgram');
    undocumented.id = 'cancelVoucherProgram';
    // The program's answer, judged as if it were the codes list.
    const misjudged = requestFor('getVoucherProgram');
    misjudged.id = 'getVoucherCodes';
    const report = failureReport(await run([undocumented, misjudged]));
    expect(report).toHaveLength(2);
    expect(report[0]).toMatch(/→ 200: status is a documented 2xx/);
    expect(report[1]).toMatch(/→ 200: answer fits the operation's schema: expected data to satisfy schema/);
  });
});
