import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeSamplesFor, withCodeSamples } from '../../scripts/docs/code-samples.ts';
import { curlSample } from '../../scripts/docs/samples/curl.ts';
import { pathParameterEnvironment } from '../../scripts/docs/samples/sample-values.ts';
import { tsLiteral } from '../../scripts/docs/samples/ts-literal.ts';
import { listOperations, requestBodyExample, type SpecOperation } from '../../scripts/docs/spec-walk.ts';
import { loadBundle } from './support/bundle.ts';
import { startRequestRecorder } from './support/request-recorder.ts';
import { requestBodyValidator } from './support/request-schema.ts';

const run = promisify(execFile);
const spec = loadBundle();
const operations = listOperations(spec);
const organizationId = '7b3f7c4e-2a5d-4b8e-9f61-0c1d2e3f4a5b';
const sampleEnv = { PATH: process.env.PATH ?? '', UBER_TOKEN: 'org-token-for-the-test', UBER_RIDER_TOKEN: 'rider-token-for-the-test', UBER_ORGANIZATION_ID: organizationId };

function find(operationId: string): SpecOperation {
  const op = listOperations(spec).find((candidate) => candidate.operationId === operationId);
  if (!op) throw new Error(`no operation ${operationId} in the bundle`);
  return op;
}

/** The path an operation's sample should reach: ids from the environment or from the spec's examples. */
function expectedPath(op: SpecOperation): string {
  return op.parameters
    .filter((p) => p.in === 'path')
    .reduce((path, p) => path.replace(`{${p.name}}`, p.name in pathParameterEnvironment ? organizationId : String(p.example)), op.path);
}

describe('generated code samples', () => {
  it('covers all 20 operations, each with a TypeScript and a curl sample, and leaves the published bundle alone', () => {
    expect(operations).toHaveLength(20);
    expect(new Set(operations.map((op) => op.operationId)).size).toBe(20);
    const before = JSON.stringify(spec);
    const documented = withCodeSamples(spec);
    expect(JSON.stringify(spec)).toBe(before);
    expect(before).not.toContain('x-codeSamples');
    for (const op of listOperations(documented)) {
      const samples = op.operation['x-codeSamples'] as Array<{ label: string; source: string }>;
      expect(samples.map((s) => s.label), op.operationId).toEqual(['TypeScript', 'curl']);
      expect(samples[0]!.source).toContain(`client.${op.tag}.${op.operationId}(`);
      expect(samples[1]!.source).toMatch(new RegExp(`^curl --request ${op.method.toUpperCase()} `));
    }
  });

  it('sends, from every curl sample run by bash, the method, path, token, headers and a body the schema accepts', async () => {
    const recorder = await startRequestRecorder();
    const validateBody = requestBodyValidator(spec);
    try {
      for (const op of operations) {
        const command = curlSample(spec, op, recorder.url);
        await run('bash', ['-c', `${command} --silent --show-error --fail`], { env: sampleEnv, timeout: 10_000 });
        const request = recorder.requests.at(-1)!;
        const url = new URL(request.url, recorder.url);
        expect(request.method, op.operationId).toBe(op.method.toUpperCase());
        expect(url.pathname, op.operationId).toBe(expectedPath(op));
        const token = op.operationId === 'redeemVoucherCode' ? sampleEnv.UBER_RIDER_TOKEN : sampleEnv.UBER_TOKEN;
        expect(request.headers.authorization, op.operationId).toBe(`Bearer ${token}`);
        expect(request.headers['accept-language'], op.operationId).toBe('en_US');
        for (const p of op.parameters.filter((q) => q.in === 'query' && q.required)) {
          expect(url.searchParams.has(p.name), `${op.operationId} ${p.name}`).toBe(true);
        }
        const example = requestBodyExample(spec, op);
        if (!example) {
          expect(request.body, op.operationId).toBe('');
          continue;
        }
        expect(request.headers['content-type'], op.operationId).toBe('application/json');
        const body = JSON.parse(request.body) as unknown;
        expect(body, op.operationId).toEqual(example.value);
        expect(validateBody(op, body), op.operationId).toEqual([]);
      }
      expect(recorder.requests).toHaveLength(operations.length);
    } finally {
      await recorder.close();
    }
  });

  it('quotes bodies for the shell, so a quote or a dollar sign in an example reaches the server unchanged', async () => {
    const copy = loadBundle();
    const tricky = { code_text: `O'Brien $HOME \`id\` "x" \\ ü` };
    copy.components.schemas.RedeemVoucherCodeRequest.example = tricky;
    const op = listOperations(copy).find((candidate) => candidate.operationId === 'redeemVoucherCode')!;
    const recorder = await startRequestRecorder();
    try {
      await run('bash', ['-c', curlSample(copy, op, recorder.url)], { env: sampleEnv, timeout: 10_000 });
      expect(JSON.parse(recorder.requests[0]!.body)).toEqual(tricky);
    } finally {
      await recorder.close();
    }
  });

  it('fails the build, naming the operation, when a request body or a path id has no example', () => {
    const noBodyExample = loadBundle();
    delete noBodyExample.components.schemas.RedeemVoucherCodeRequest.example;
    const redeem = listOperations(noBodyExample).find((op) => op.operationId === 'redeemVoucherCode')!;
    expect(() => codeSamplesFor(noBodyExample, redeem, 'https://api.uber.com')).toThrow(
      'redeemVoucherCode: the request body has no example to build code samples from',
    );
    expect(() => withCodeSamples(noBodyExample)).toThrow(/redeemVoucherCode/);

    const noIdExample = loadBundle();
    const programId = noIdExample.components.parameters.VoucherProgramId;
    delete programId.example;
    delete programId.schema.example;
    const getCodes = listOperations(noIdExample).find((op) => op.operationId === 'getVoucherCodes')!;
    expect(() => codeSamplesFor(noIdExample, getCodes, 'https://api.uber.com')).toThrow(
      'getVoucherCodes: path parameter voucher_program_id has no example',
    );
  });

  it('fails when the spec names no server for the samples to call', () => {
    const copy = loadBundle();
    copy.servers = [];
    expect(() => withCodeSamples(copy)).toThrow('the spec names no server');
  });

  it('shows the rider token only on redeem, and never a real secret', () => {
    for (const op of operations) {
      const [typescript, curl] = codeSamplesFor(spec, op, 'https://api.uber.com');
      const rider = op.operationId === 'redeemVoucherCode';
      expect(curl!.source.includes('$UBER_RIDER_TOKEN'), op.operationId).toBe(rider);
      expect(typescript!.source.includes('UBER_RIDER_TOKEN'), op.operationId).toBe(rider);
      expect(typescript!.source).not.toMatch(/clientSecret: '/);
    }
    expect(find('getVoucherCodes').parameters.some((p) => p.name === 'include_usage')).toBe(true);
  });

  it('writes any JSON value as a TypeScript literal that evaluates back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const literal = tsLiteral(value);
        // JSON has no -0; the literal writes it as 0, which is what a JSON body would carry.
        const evaluated = new Function(`return (${literal});`)() as unknown;
        expect(evaluated).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });
});
