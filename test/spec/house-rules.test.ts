/**
 * Each house rule is proven to fire: a copy of the spec with one deliberate fault is linted and the
 * rule's code must appear, while an untouched copy linted in the same run shows no house finding.
 * The runs use spec/rules/house.spectral.yaml, the house rules alone (the built-in and OWASP rules
 * would triple the time and test Spectral, not us). All bundle cases share one Spectral run and all
 * split-source cases another: loading a ruleset costs more than linting a document.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Finding } from '../../scripts/lint/findings.ts';
import { runSpectral } from '../../scripts/lint/spectral.ts';
import { loadBundle, repoRoot, resolvePointer, type JsonObject } from './support/bundle.ts';

type Mutation = (doc: JsonObject) => void;
interface BundleCase { rule: string; fault: string; mutate: Mutation }
interface SourceCase { rule: string; fault: string; mutate: (specDir: string) => void }

const at = (doc: JsonObject, pointer: string): JsonObject => {
  const node = resolvePointer(doc, pointer);
  if (node === null || typeof node !== 'object' || Array.isArray(node)) throw new Error(`nothing at ${pointer}`);
  return node;
};
const op = (path: string, method: string) => `#/paths/${path.replace(/\//g, '~1')}/${method}`;
const redeem = op('/v1.2/me/vouchers/redeem', 'post');
const createProgram = op('/v1/organizations/{organization_id}/voucher-programs', 'post');
const getGuests = op('/v1/organizations/{organization_id}/voucher-programs/{voucher_program_id}/guests', 'get');
const getProgram = op('/v1/organizations/{organization_id}/voucher-programs/{voucher_program_id}', 'get');
const summary = '#/components/schemas/VoucherProgramSummary';

const bundleCases: BundleCase[] = [
  { rule: 'voucher-operation-id', fault: 'a snake_case operationId', mutate: (d) => { at(d, redeem).operationId = 'redeem_voucher_code'; } },
  { rule: 'voucher-webhook-operation-id', fault: 'a webhook operationId without `on`', mutate: (d) => { at(d, '#/webhooks/voucher_program_activated/post').operationId = 'voucherProgramActivated'; } },
  { rule: 'voucher-one-tag', fault: 'an operation with two tags', mutate: (d) => { at(d, getProgram).tags = ['programs', 'codes']; } },
  { rule: 'voucher-error-responses', fault: 'a missing 429 response', mutate: (d) => { delete (at(d, createProgram).responses as JsonObject)['429']; } },
  { rule: 'voucher-organization-forbidden', fault: 'an organization call without 403', mutate: (d) => { delete (at(d, getGuests).responses as JsonObject)['403']; } },
  { rule: 'voucher-error-examples-by-code', fault: 'an error example keyed by something other than its code', mutate: (d) => {
    const examples = at(d, '#/components/responses/NotFound/content/application~1json/examples');
    examples.not_found = examples.resource_not_found!;
    delete examples.resource_not_found;
  } },
  { rule: 'voucher-property-description', fault: 'a property without a description', mutate: (d) => { delete at(d, `${summary}/properties/name`).description; } },
  { rule: 'voucher-property-example', fault: 'a property without an example', mutate: (d) => { delete at(d, `${summary}/properties/name`).example; } },
  { rule: 'voucher-snake-case-properties', fault: 'a camelCase property', mutate: (d) => {
    const properties = at(d, `${summary}/properties`);
    properties.totalDollarExposure = properties.total_dollar_exposure!;
    delete properties.total_dollar_exposure;
  } },
  { rule: 'voucher-timestamp-int64', fault: 'a *_at that is not int64', mutate: (d) => {
    at(d, `${summary}/properties`).updated_at = { type: 'string', format: 'date-time', description: 'When it changed.', example: '2027-01-01T00:00:00Z' };
  } },
  { rule: 'voucher-required-properties-declared', fault: 'a conditional rule requiring an undeclared property', mutate: (d) => {
    at(d, '#/components/schemas/VoucherProgramCreate/allOf/1/then').required = ['redemptions_per_cde'];
  } },
  { rule: 'voucher-no-nullable', fault: 'a 3.0 `nullable`', mutate: (d) => { at(d, `${summary}/properties/name`).nullable = true; } },
  { rule: 'voucher-operation-security', fault: 'an operation open to anonymous calls', mutate: (d) => { at(d, getProgram).security = [{}]; } },
  { rule: 'voucher-idempotent', fault: 'an operation without x-idempotent', mutate: (d) => { delete at(d, getProgram)['x-idempotent']; } },
  { rule: 'voucher-pagination', fault: 'a cursor x-pagination without `next`', mutate: (d) => { delete at(d, `${getGuests}/x-pagination`).next; } },
  { rule: 'voucher-closed-request-body', fault: 'a request body that accepts unknown fields', mutate: (d) => { delete at(d, '#/components/schemas/GenerateVoucherCodesRequest').additionalProperties; } },
  { rule: 'voucher-no-credentials-in-url', fault: 'an access token in the query', mutate: (d) => {
    (at(d, getProgram).parameters as JsonObject[]).push({ name: 'access_token', in: 'query', description: 'A token.', schema: { type: 'string' } });
  } },
  { rule: 'voucher-inferred-marked', fault: 'a description saying "inferred" without the marker', mutate: (d) => {
    delete at(d, '#/components/schemas/Error')['x-evidence'];
  } },
  { rule: 'voucher-evidence-values', fault: 'an x-evidence value outside the vocabulary', mutate: (d) => {
    at(d, '#/components/schemas/VoucherProgramCreated')['x-evidence'] = 'guessed';
  } },
  { rule: 'oas3-valid-media-example', fault: 'a request example that does not match its schema', mutate: (d) => {
    const media = at(d, `${createProgram}/requestBody/content/application~1json/examples/multi_code/value`);
    media.number_of_codes = 'five hundred';
  } },
];

/** Relative `$ref`s of a file in paths/<tag>/ or webhooks/, rewritten for the root file. */
function inlineFrom(specDir: string, file: string): unknown {
  return parse(readFileSync(join(specDir, file), 'utf8').replace(/(\.\.\/)+components\//g, './components/'));
}
function editRoot(specDir: string, edit: (root: JsonObject) => void): void {
  const file = join(specDir, 'openapi.yaml');
  const root = parse(readFileSync(file, 'utf8')) as JsonObject;
  edit(root);
  writeFileSync(file, stringify(root));
}

const sourceCases: SourceCase[] = [
  { rule: 'voucher-paths-are-refs', fault: 'an operation written inline in the root', mutate: (dir) => editRoot(dir, (root) => {
    (root.paths as JsonObject)['/v1.2/me/vouchers/redeem'] = { post: inlineFrom(dir, 'paths/redeem/redeemVoucherCode.yaml') as JsonObject };
  }) },
  { rule: 'voucher-webhooks-are-refs', fault: 'a webhook written inline in the root', mutate: (dir) => editRoot(dir, (root) => {
    (root.webhooks as JsonObject).voucher_program_activated = inlineFrom(dir, 'webhooks/voucher_program_activated.yaml') as JsonObject;
  }) },
];

const isHouseFinding = (finding: Finding) => finding.code.startsWith('voucher-') || finding.severity === 'error';

let workDir: string;
const bundleFindings = new Map<string, Finding[]>();
const sourceFindings = new Map<string, Finding[]>();
const bundleControl = 'control.json';
const sourceControl = 'control-source/openapi.yaml';

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'voucher-house-rules-'));
  const bundleFiles = [join(workDir, bundleControl)];
  writeFileSync(bundleFiles[0]!, JSON.stringify(loadBundle()));
  for (const c of bundleCases) {
    const doc = loadBundle();
    c.mutate(doc);
    const file = join(workDir, `${c.rule}.json`);
    writeFileSync(file, JSON.stringify(doc));
    bundleFiles.push(file);
  }
  const sourceFiles = [join(workDir, sourceControl)];
  cpSync(join(repoRoot, 'spec'), join(workDir, 'control-source'), { recursive: true });
  for (const c of sourceCases) {
    const dir = join(workDir, c.rule);
    cpSync(join(repoRoot, 'spec'), dir, { recursive: true });
    c.mutate(dir);
    sourceFiles.push(join(dir, 'openapi.yaml'));
  }
  const houseRules = join(repoRoot, 'spec/rules/house.spectral.yaml');
  const bundleRuleset = join(workDir, 'bundle.spectral.yaml');
  // As in spec/rules/bundle.spectral.yaml, the split-checking rules are off for a bundle; the one
  // built-in rule kept is the example check, to show a mismatched example is caught by lint too.
  writeFileSync(bundleRuleset, stringify({
    extends: [['spectral:oas', 'off'], houseRules],
    rules: { 'oas3-valid-media-example': 'error', 'voucher-paths-are-refs': 'off', 'voucher-webhooks-are-refs': 'off' },
  }));
  const [bundleRun, sourceRun] = await Promise.all([runSpectral(bundleRuleset, bundleFiles), runSpectral(houseRules, sourceFiles)]);
  for (const [file, findings] of bundleRun.findings) bundleFindings.set(file.slice(workDir.length + 1), findings);
  for (const [file, findings] of sourceRun.findings) sourceFindings.set(file.slice(workDir.length + 1), findings);
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('house rules on the bundle', () => {
  it('an untouched copy has no house finding and no error', () => {
    expect(bundleFindings.get(bundleControl)?.filter(isHouseFinding)).toEqual([]);
  });

  it.each(bundleCases.map((c) => [c.rule, c.fault] as const))('%s catches %s', (rule) => {
    const codes = bundleFindings.get(`${rule}.json`)?.map((f) => f.code);
    expect(codes).toContain(rule);
  });

  it('every house rule of the ruleset has a case here or in the split-source cases', () => {
    const ruleset = readFileSync(join(repoRoot, 'spec/rules/house.spectral.yaml'), 'utf8');
    const houseRules = [...ruleset.matchAll(/^ {2}(voucher-[a-z0-9-]+):/gm)].map((m) => m[1]);
    const tested = new Set([...bundleCases, ...sourceCases].map((c) => c.rule));
    expect(houseRules.length).toBeGreaterThanOrEqual(8);
    expect(houseRules.filter((rule) => !tested.has(rule!))).toEqual([]);
  });
});

describe('house rules on the split source', () => {
  it('an untouched copy has no house finding and no error', () => {
    expect(sourceFindings.get(sourceControl)?.filter(isHouseFinding)).toEqual([]);
  });

  it.each(sourceCases.map((c) => [c.rule, c.fault] as const))('%s catches %s', (rule) => {
    const codes = sourceFindings.get(`${rule}/openapi.yaml`)?.map((f) => f.code);
    expect(codes).toContain(rule);
  });
});
