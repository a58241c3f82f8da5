/**
 * The second edition's corrections stay in the bundle: each field, rule and operation that a second
 * read of Uber's sources added is looked up (or, for a rule, judged by Ajv 2020 on bodies built from
 * the spec's own examples), so removing one fails here with its name.
 */
import { describe, expect, it } from 'vitest';
import { deref, isObject, listOperations, loadBundle, resolvePointer, type Json, type JsonObject } from './support/bundle.ts';
import { createExampleValidator } from './support/exampleValidator.ts';

const bundle = loadBundle();
const judge = createExampleValidator(bundle);
const org = '/v1/organizations/{organization_id}';
const calls = listOperations(bundle).filter((entry) => entry.section === 'paths');

function schema(name: string): JsonObject {
  const found = resolvePointer(bundle, `#/components/schemas/${name}`);
  if (!isObject(found)) throw new Error(`schema ${name} is missing`);
  return found;
}
function propertiesOf(name: string): JsonObject {
  return schema(name).properties as JsonObject;
}
function operation(id: string): JsonObject {
  const found = calls.find((entry) => entry.operation.operationId === id);
  if (!found) throw new Error(`operation ${id} is missing`);
  return found.operation;
}
function operationAt(path: string, method: string): JsonObject {
  return resolvePointer(bundle, `#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}`) as JsonObject;
}
/** Ajv 2020's verdict on a value for a component schema: undefined when valid. */
function problems(schemaName: string, value: Json): string | undefined {
  return judge({ where: `test value for ${schemaName}`, kind: 'schema', schemaPointer: `#/components/schemas/${schemaName}`, value })?.errors;
}
function without(value: JsonObject, ...names: string[]): JsonObject {
  return Object.fromEntries(Object.entries(value).filter(([name]) => !names.includes(name)));
}
function typesOf(property: Json | undefined): string[] {
  return [(property as JsonObject).type as string | string[]].flat();
}

describe('request fields Uber documents are accepted', () => {
  const accepted: Record<string, string[]> = {
    VoucherProgramUpdate: ['name', 'description', 'pickup_locations', 'dropoff_locations'],
    VoucherProgramFromTemplateCreate: ['template_id', 'name', 'description', 'timezone', 'starts_at', 'ends_at', 'redemptions_per_code', 'value_per_trip_max_amount', 'value_per_period_max_trips'],
    IndividualVoucherProgramCreate: ['name', 'template_uuid', 'program_uuid', 'owner_uuid', 'owner_type', 'email_address', 'mobile_number', 'description'],
    VoucherProgramCreate: ['creator_email', 'expense_memo', 'pickup_locations', 'dropoff_locations', 'trip_restriction_type'],
    VoucherProgramTemplateCreate: ['creator_email', 'campaign_name', 'timezone'],
    SandboxTripRunCreate: ['pickup', 'dropoff', 'rider_info', 'scenario', 'product_type'],
  };
  it.each(Object.entries(accepted))('%s declares %j and still rejects unknown fields', (name, fields) => {
    expect(Object.keys(propertiesOf(name))).toEqual(expect.arrayContaining(fields));
    expect(schema(name).additionalProperties).toBe(false);
    const example = schema(name).example as JsonObject;
    expect(problems(name, example)).toBeUndefined();
    expect(problems(name, { ...example, not_a_field: 1 })).toMatch(/additional properties/);
  });

  it('the deprecated individual program requires the template, the program id, the owner and its type', () => {
    expect(schema('IndividualVoucherProgramCreate').required).toEqual(expect.arrayContaining(['name', 'template_uuid', 'program_uuid', 'owner_uuid', 'owner_type']));
    const example = schema('IndividualVoucherProgramCreate').example as JsonObject;
    for (const name of ['template_uuid', 'program_uuid', 'owner_uuid', 'owner_type']) {
      expect(problems('IndividualVoucherProgramCreate', without(example, name)), `${name} may be left out`).toMatch(new RegExp(name));
    }
  });
});

describe('the location lists each trip_restriction_type requires (create program)', () => {
  const base = schema('VoucherProgramCreate').example as JsonObject;
  const place = (base.pickup_locations as JsonObject[])[0]!;
  const needs: Record<string, string[]> = {
    PICKUP_ONLY: ['pickup_locations'],
    DROPOFF_ONLY: ['dropoff_locations'],
    PICKUP_AND_DROPOFF: ['pickup_locations', 'dropoff_locations'],
    // Uber's reference read literally: both lists (the conflict is stated in the spec).
    PICKUP_OR_DROPOFF: ['pickup_locations', 'dropoff_locations'],
  };
  it.each(Object.entries(needs))('%s needs %j', (type, lists) => {
    const complete = { ...without(base, 'pickup_locations', 'dropoff_locations'), trip_restriction_type: type, pickup_locations: [place], dropoff_locations: [place] };
    expect(problems('VoucherProgramCreate', complete)).toBeUndefined();
    for (const list of ['pickup_locations', 'dropoff_locations']) {
      const verdict = problems('VoucherProgramCreate', without(complete, list));
      if (lists.includes(list)) expect(verdict, `${type} without ${list}`).toMatch(new RegExp(list));
      else expect(verdict, `${type} without ${list}`).toBeUndefined();
    }
  });

  it('the PICKUP_OR_DROPOFF reading is marked as a conflict', () => {
    expect(schema('TripRestrictionType')['x-evidence']).toBe('conflicting');
  });
});

describe('template rules', () => {
  const base = schema('VoucherProgramTemplateCreate').example as JsonObject;
  it('value_per_trip_max_amount needs value_per_period_max_trips (dependentRequired, 2020-12)', () => {
    expect(problems('VoucherProgramTemplateCreate', base)).toBeUndefined();
    expect(problems('VoucherProgramTemplateCreate', without(base, 'value_per_period_max_trips'))).toMatch(/value_per_period_max_trips/);
    expect((schema('VoucherProgramTemplateUpdate').dependentRequired as JsonObject).value_per_trip_max_amount).toEqual(['value_per_period_max_trips']);
  });

  it('one of value_per_trip_max_amount and value_per_period_max_credit is required', () => {
    const neither = without(base, 'value_per_trip_max_amount', 'value_per_period_max_trips');
    expect(problems('VoucherProgramTemplateCreate', neither)).toBeDefined();
    expect(problems('VoucherProgramTemplateCreate', { ...neither, value_per_period_max_credit: 80, value_per_period_max_trips: 4 })).toBeUndefined();
  });

  it('campaign_name is the default program name shown to riders', () => {
    for (const name of ['VoucherProgramTemplateCreate', 'VoucherProgramTemplateUpdate', 'VoucherProgramTemplate']) {
      expect(String((propertiesOf(name).campaign_name as JsonObject).description), name).toMatch(/shown to riders/);
    }
  });

  it('the template answer names its value fields deductible and percentage, percentage an integer in [5, 100]', () => {
    const answer = propertiesOf('VoucherProgramTemplate');
    expect(Object.keys(answer)).toEqual(expect.arrayContaining(['deductible', 'percentage']));
    expect(Object.keys(answer)).not.toContain('value_per_trip_deductible');
    expect(Object.keys(answer)).not.toContain('value_per_trip_percentage');
    const percentage = answer.percentage as JsonObject;
    expect(typesOf(percentage)).toContain('integer');
    expect([percentage.minimum, percentage.maximum, percentage.default, percentage['x-evidence']]).toEqual([5, 100, 100, 'conflicting']);
    expect(schema('VoucherProgramTemplate').required).not.toContain('uuid');
  });

  it('requests take percentages from 5 to 100', () => {
    expect([schema('ValuePerTripPercentage').minimum, schema('ValuePerTripPercentage').maximum]).toEqual([5, 100]);
  });
});

describe('answer fields', () => {
  it('a guest code and voucher are objects', () => {
    for (const name of ['code', 'voucher']) expect(typesOf(propertiesOf('Guest')[name]), name).toEqual(['object', 'null']);
  });

  it('get program may lack voucher_program_id and carries expense_memo', () => {
    expect(schema('VoucherProgram').required).not.toContain('voucher_program_id');
    expect(Object.keys(propertiesOf('VoucherProgram'))).toContain('expense_memo');
  });

  it('cancel codes may answer without cancelCodeFailures', () => {
    expect(schema('CancelVoucherCodesResponse').required ?? []).not.toContain('cancelCodeFailures');
    expect(problems('CancelVoucherCodesResponse', {})).toBeUndefined();
  });

  it('the single-code create answer keeps code_text and code_link optional, and says the sources conflict', () => {
    const created = schema('VoucherProgramCreated');
    expect(created.required).toEqual(['voucher_program_id']);
    expect(Object.keys(created.properties as JsonObject)).toEqual(expect.arrayContaining(['code_text', 'code_link']));
    expect(created['x-evidence']).toBe('conflicting');
  });

  it('create program answers with a named example per code scheme, paired by name with the request examples', () => {
    const create = operationAt(`${org}/voucher-programs`, 'post');
    const requests = ((deref(bundle, create.requestBody as Json) as JsonObject).content as JsonObject)['application/json'] as JsonObject;
    const answers = (((create.responses as JsonObject)['200'] as JsonObject).content as JsonObject)['application/json'] as JsonObject;
    const requestNames = Object.keys(requests.examples as JsonObject).sort();
    expect(requestNames).toEqual(['multi_code', 'single_code']);
    expect(Object.keys(answers.examples as JsonObject).sort()).toEqual(requestNames);
    const answer = (name: string) => ((answers.examples as JsonObject)[name] as JsonObject).value as JsonObject;
    const scheme = (name: string) => (((requests.examples as JsonObject)[name] as JsonObject).value as JsonObject).code_scheme;
    expect(scheme('single_code')).toBe('SINGLE_CODE_MULTI_REDEEM');
    expect(Object.keys(answer('single_code'))).toEqual(expect.arrayContaining(['code_text', 'code_link']));
    expect(scheme('multi_code')).toBe('MULTI_CODE_SINGLE_REDEEM');
    expect(Object.keys(answer('multi_code'))).toEqual(['voucher_program_id']);
  });
});

describe('rate-limit headers come with every answer', () => {
  const answers = calls.flatMap(({ operation: op }) =>
    Object.entries(op.responses as JsonObject).map(([status, response]) => [`${op.operationId as string} ${status}`, deref(bundle, response) as JsonObject] as const),
  );
  it('counts every response of every operation', () => expect(answers.length).toBeGreaterThanOrEqual(20 * 6));
  it.each(answers)('%s', (_where, response) => {
    expect(Object.keys((response.headers ?? {}) as JsonObject).sort()).toEqual(['X-Rate-Limit-Limit', 'X-Rate-Limit-Remaining', 'X-Rate-Limit-Reset']);
  });
});

describe('the sandbox operations', () => {
  const sandboxServer = 'https://sandbox-api.uber.com';
  it.each([
    ['createSandboxTripRun', 'post', '/v1/sandbox/terminal-state-trip-run', 'SandboxTripRunCreated', ['run_id', 'trip_id']],
    ['getSandboxRun', 'get', '/v1/sandbox/run/{run_id}', 'SandboxRun', ['state']],
  ] as const)('%s: %s %s, sandbox only, one scope, every error, its answer', (id, method, path, answerSchema, answerFields) => {
    const op = operationAt(path, method);
    expect(op.operationId).toBe(id);
    expect(op.tags).toEqual(['sandbox']);
    expect((op.servers as JsonObject[]).map((server) => server.url)).toEqual([sandboxServer]);
    expect(op.security).toEqual([{ OAuth2: ['organizations.voucher_programs'] }]);
    expect(Object.keys(op.responses as JsonObject).sort()).toEqual(['200', '400', '401', '403', '404', '429', '500']);
    expect(schema(answerSchema).required).toEqual(answerFields);
  });

  it('the operation table the client is built from lists both, with their one server', async () => {
    const { operationTable } = (await import('../../generated/operations.js')) as unknown as { operationTable: Record<string, JsonObject> };
    for (const id of ['createSandboxTripRun', 'getSandboxRun']) {
      expect(operationTable[id], id).toMatchObject({ tag: 'sandbox', servers: [sandboxServer], scopes: ['organizations.voucher_programs'] });
    }
    expect(operationTable.getVoucherProgram!.servers).toBeNull();
  });

  it('the run states and the one documented scenario', () => {
    expect((propertiesOf('SandboxRun').state as JsonObject).enum).toEqual(['RUNNING', 'COMPLETED', 'FAILED']);
    const scenario = (propertiesOf('SandboxTripRunCreate').scenario as JsonObject).properties as JsonObject;
    expect((scenario.id as JsonObject).enum).toEqual(['COMPLETED_STATE_TRIP']);
  });

  it('is served by the root servers too, so the sandbox server stays listed', () => {
    expect((bundle.servers as JsonObject[]).map((server) => server.url)).toContain(sandboxServer);
  });

  it('sandbox webhooks may say Sandbox or sandbox', () => {
    const environment = resolvePointer(bundle, '#/components/parameters/XEnvironment/schema/enum');
    expect(environment).toEqual(expect.arrayContaining(['production', 'sandbox', 'Sandbox']));
  });
});

describe('auth, as partners read it', () => {
  const scheme = String(resolvePointer(bundle, '#/components/securitySchemes/OAuth2/description'));
  const introduction = String((bundle.info as JsonObject).description);
  it.each([
    ['the hourly token limit', /100 requests an hour/],
    ['its 429', /too_many_requests/],
    ['the OAuth error shape', /error_description/],
    ['multipart bodies', /multipart\/form-data/],
    ['the consent revoke URL', /https:\/\/business\.uber\.com\/revoke\?org_uuid=/],
  ])('the OAuth2 scheme and the introduction state %s', (_what, pattern) => {
    expect(scheme).toMatch(pattern);
    expect(introduction).toMatch(pattern);
  });

  it.each(['invalid_request', 'invalid_client', 'invalid_grant', 'invalid_scope', 'too_many_requests'])('the token error %s is listed', (code) => {
    expect(scheme).toContain(`\`${code}\``);
    expect(introduction).toContain(`\`${code}\``);
  });

  it('no text says a 101st token invalidates the oldest', () => {
    expect(JSON.stringify(bundle)).not.toMatch(/101st|invalidates the oldest/i);
  });
});

describe('evidence markers', () => {
  /** Every node of the bundle outside info and tags (which explain the markers) with its pointer. */
  function* nodes(value: Json, pointer: string): Generator<[string, JsonObject]> {
    if (Array.isArray(value)) for (const [index, item] of value.entries()) yield* nodes(item, `${pointer}/${index}`);
    else if (isObject(value)) {
      yield [pointer, value];
      for (const [key, child] of Object.entries(value)) if (pointer !== '#' || (key !== 'info' && key !== 'tags')) yield* nodes(child, `${pointer}/${key}`);
    }
  }
  const described = [...nodes(bundle, '#')].filter(([, node]) => typeof node.description === 'string');

  it('every description that says "inferred" carries x-evidence: inferred', () => {
    const unmarked = described.filter(([, node]) => /\binferred\b/i.test(node.description as string) && node['x-evidence'] !== 'inferred').map(([pointer]) => pointer);
    expect(described.filter(([, node]) => node['x-evidence'] === 'inferred').length).toBeGreaterThanOrEqual(15);
    expect(unmarked).toEqual([]);
  });

  it('every conflict names its sources in its description', () => {
    const conflicts = described.filter(([, node]) => node['x-evidence'] === 'conflicting');
    expect(conflicts.length).toBeGreaterThanOrEqual(10);
    const silent = conflicts.filter(([, node]) => !/conflict|disagree|differ|Postman/i.test(node.description as string)).map(([pointer]) => pointer);
    expect(silent).toEqual([]);
  });
});
