/**
 * Breaking-change detection: deliberately changed copies of the bundle, each classified by the same
 * differ and rule CI uses, then the real spec against the last release.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { quietToolEnv, repoRoot } from '../../scripts/lib/run.ts';
import { describeChange } from '../../scripts/release/describeChange.ts';
import { refineReport } from '../../scripts/release/refineReport.ts';
import { formatChanges } from '../../scripts/release/report.ts';
import { currentBundlePath, releasedBundlePath } from '../../scripts/release/paths.ts';
import { diffSpecs, largestImpact, type SpecDiffReport } from '../../scripts/release/redoclyDiff.ts';
import { parseVersion } from '../../scripts/release/semver.ts';
import { checkVersionRule } from '../../scripts/release/versionRule.ts';
import { bodySchema, createScratch, findOperation, readBundle, type JsonObject } from './support/specCopies.ts';

const released = readBundle(releasedBundlePath);
const scratch = createScratch('voucher-spec-diff-test-');
afterAll(() => scratch.remove());

function diffChanged(name: string, change: (doc: JsonObject) => void): SpecDiffReport {
  const copy = structuredClone(released);
  change(copy);
  return diffSpecs(releasedBundlePath, scratch.write(`${name}.json`, copy));
}

const breakingMessages = (report: SpecDiffReport) => report.changes.filter((c) => c.impact === 'major').map(describeChange);

interface Case {
  name: string;
  change: (doc: JsonObject) => void;
  /** A fragment of the breaking change's description, or null when nothing may be breaking. */
  breaking: RegExp | null;
}

const cases: Case[] = [
  {
    name: 'a new required request field',
    change: (doc) => {
      const create = bodySchema(doc, 'createVoucherProgram', 'request');
      (create.properties as JsonObject).cost_center = { type: 'string', description: 'Cost centre.' };
      (create.required as string[]).push('cost_center');
    },
    breaking: /POST \S+\/voucher-programs request body: .*became required: `cost_center`/,
  },
  {
    name: 'a removed response field',
    change: (doc) => {
      delete (bodySchema(doc, 'createVoucherProgram', '200').properties as JsonObject).code_text;
    },
    // Create from template answers with the same schema, so it is named too.
    breaking: /POST \S+\/voucher-programs response 200, POST \S+\/create-from-template response 200: Property `code_text` .* was removed/,
  },
  {
    name: 'a narrowed enum in a request',
    change: (doc) => {
      const search = bodySchema(doc, 'searchVoucherPrograms', 'request');
      (search.properties as JsonObject).program_status = { type: 'string', enum: ['ACTIVE', 'COMPLETED'] };
    },
    breaking: /POST \S+\/voucher-programs\/search request body: Enum of `program_status` lost values/,
  },
  {
    name: 'a removed operation',
    change: (doc) => {
      const { path, method } = findOperation(doc, 'getGuests');
      delete ((doc.paths as JsonObject)[path] as JsonObject)[method];
    },
    breaking: /GET \S+\/guests: .*was removed/,
  },
  {
    name: 'a removed field in a webhook payload (partners read it, like a response)',
    change: (doc) => {
      delete (((doc.components as JsonObject).schemas as JsonObject).WebhookEventMeta as JsonObject & { properties: JsonObject }).properties.org_uuid;
    },
    breaking: /webhook \w+ payload: Property `org_uuid` .* was removed/,
  },
  {
    name: 'a new dependentRequired key in a request (Redocly alone rates it a patch)',
    change: (doc) => {
      const create = bodySchema(doc, 'createVoucherProgramTemplate', 'request') as JsonObject & { dependentRequired: JsonObject };
      create.dependentRequired.currency_code = ['timezone'];
    },
    breaking: /POST \S+\/voucher-program-templates request body: now requires `timezone` when `currency_code` is sent/,
  },
  {
    name: 'a new field in an existing dependentRequired list of a request',
    change: (doc) => {
      const create = bodySchema(doc, 'createVoucherProgramTemplate', 'request') as JsonObject & { dependentRequired: Record<string, string[]> };
      create.dependentRequired.value_per_trip_max_amount!.push('timezone');
    },
    breaking: /request body: now requires `timezone` when `value_per_trip_max_amount` is sent/,
  },
  {
    name: 'a new anyOf of required fields in a request',
    change: (doc) => {
      bodySchema(doc, 'searchVoucherPrograms', 'request').anyOf = [{ required: ['program_status'] }];
    },
    breaking: /search request body: `anyOf` of `SearchVoucherProgramsRequest` was added/,
  },
  {
    name: 'a new not in a request',
    change: (doc) => {
      bodySchema(doc, 'searchVoucherPrograms', 'request').not = { required: ['program_status'] };
    },
    breaking: /search request body: `not` of `SearchVoucherProgramsRequest` was added/,
  },
  {
    name: 'a raised minimum in a shared request component',
    change: (doc) => {
      (((doc.components as JsonObject).schemas as JsonObject).ValuePerTripPercentage as JsonObject).minimum = 10;
    },
    // Every request body that takes a percentage is named, not only the first Redocly reached.
    breaking: /POST \S+\/voucher-programs request body, PATCH \S+\/voucher-programs\/\{voucher_program_id\} request body, POST \S+\/voucher-program-templates request body, PATCH \S+\/voucher-program-templates\/\{template_id\} request body: Lower bound of `value_per_trip_percentage` changed from '>= 5' to '>= 10'/,
  },
  {
    name: 'a new required field inside an if/then of a request',
    change: (doc) => {
      const create = bodySchema(doc, 'createVoucherProgram', 'request') as JsonObject & { allOf: { then?: { required: string[] } }[] };
      create.allOf.find((rule) => rule.then)!.then!.required.push('description');
    },
    breaking: /POST \S+\/voucher-programs request body: Properties became required: `description`/,
  },
  {
    name: 'a removed dependentRequired rule in a request (looser: not breaking)',
    change: (doc) => {
      delete (bodySchema(doc, 'createVoucherProgramTemplate', 'request').dependentRequired as JsonObject).value_per_trip_max_amount;
    },
    breaking: null,
  },
  {
    name: 'an added optional request field',
    change: (doc) => {
      (bodySchema(doc, 'createVoucherProgram', 'request').properties as JsonObject).cost_center = { type: 'string', description: 'Cost centre.' };
    },
    breaking: null,
  },
  {
    name: 'a new operation',
    change: (doc) => {
      const { path } = findOperation(doc, 'getVoucherProgram');
      const cancel = structuredClone(findOperation(doc, 'cancelVoucherProgram').operation);
      cancel.operationId = 'pauseVoucherProgram';
      (doc.paths as JsonObject)[`${path}/pause`] = { post: cancel, parameters: ((doc.paths as JsonObject)[path] as JsonObject).parameters ?? [] };
    },
    breaking: null,
  },
  {
    name: 'a new required response field (readers are not broken by more data)',
    change: (doc) => {
      const created = bodySchema(doc, 'createVoucherProgram', '200');
      (created.properties as JsonObject).created_at = { type: 'integer', description: 'When.' };
      (created.required as string[]).push('created_at');
    },
    breaking: null,
  },
];

describe('Redocly diff classifies deliberately changed copies of the released bundle', () => {
  it.each(cases)('$name', ({ change, breaking, name }) => {
    const report = diffChanged(name.replaceAll(/\W+/g, '-'), change);
    expect(report.changes.length).toBeGreaterThan(0);
    const verdict = checkVersionRule(report);
    if (breaking) {
      expect(largestImpact(report)).toBe('major');
      expect(breakingMessages(report).join('\n')).toMatch(breaking);
      // CI rule: the copy kept the released info.version, so it must fail and say what to do.
      expect(verdict.ok).toBe(false);
      expect(verdict.message).toMatch(/needs info\.version's major raised \(to \d+\.0\.0\)/);
    } else {
      expect(breakingMessages(report)).toEqual([]);
      expect(verdict.ok).toBe(true);
      expect(verdict.nextVersion).not.toBe(report.infoVersions.base);
    }
  });
});

describe('dependentRequired in what partners read (Redocly rates every change a patch)', () => {
  // No answer in the bundle has a dependentRequired yet, so the report Redocly would give is built here.
  const pointer = '#/paths/~1v1~1programs/get/responses/200/content/application~1json/schema/dependentRequired';
  const doc = (rule: Record<string, string[]>) => ({
    paths: { '/v1/programs': { get: { responses: { '200': { content: { 'application/json': { schema: { type: 'object', dependentRequired: rule } } } } } } } },
  });
  const report: SpecDiffReport = {
    infoVersions: { base: '1.0.0', revision: '1.0.0' },
    summary: { major: 0, minor: 0, patch: 1 },
    changes: [{ path: pointer, kind: 'modified', property: 'a', impact: 'patch', verdicts: [] }],
  };

  it('a dropped guarantee in an answer is breaking', () => {
    const refined = refineReport(report, doc({ a: ['b', 'c'] }), doc({ a: ['b'] }));
    expect(refined.summary).toEqual({ major: 1, minor: 0, patch: 0 });
    expect(describeChange(refined.changes[0]!)).toBe('GET /v1/programs response 200: no longer guarantees `c` when `a` is present.');
  });

  it('a new guarantee in an answer stays a patch', () => {
    const refined = refineReport(report, doc({ a: ['b'] }), doc({ a: ['b', 'c'] }));
    expect(refined.summary).toEqual({ major: 0, minor: 0, patch: 1 });
    expect(refined.changes[0]!.impact).toBe('patch');
  });
});

describe('the report names what changed, not where in a list', () => {
  it('a root keyword reads as its name and new value', () => {
    const report = diffChanged('dialect', (doc) => {
      doc.jsonSchemaDialect = 'https://spec.openapis.org/oas/3.1/dialect/base';
    });
    expect(formatChanges(report)).toBe('### Other\n\n- jsonSchemaDialect: set to `https://spec.openapis.org/oas/3.1/dialect/base`.\n');
  });

  it('tags read by name', () => {
    const report = diffChanged('tags', (doc) => {
      (doc.tags as JsonObject[]).push({ name: 'testing-with-the-sandbox', description: 'Trying calls out.' });
    });
    expect(formatChanges(report)).toBe('### Added\n\n- tags: added `testing-with-the-sandbox`.\n');
  });

  it('a change to a shared webhook header names every webhook that sends it', () => {
    const report = diffChanged('x-environment', (doc) => {
      const header = ((doc.components as JsonObject).parameters as JsonObject).XEnvironment as JsonObject & { schema: { enum: string[] } };
      header.schema.enum.push('staging');
    });
    const lines = formatChanges(report).split('\n').filter((line) => line.includes('staging'));
    expect(lines).toHaveLength(1);
    for (const name of Object.keys(released.webhooks as JsonObject)) expect(lines[0]).toContain(`webhook ${name} parameters`);
  });

  it('a changed info keyword is named by the keyword', () => {
    const report = diffChanged('info-description', (doc) => {
      (doc.info as JsonObject).description = 'Other words.';
    });
    expect(formatChanges(report)).toBe('### Other\n\n- info: modified `description`\n');
  });

  it('a tag whose description changed reads as one modified tag, not removed and added', () => {
    const report = diffChanged('tag-edited', (doc) => {
      (doc.tags as JsonObject[])[1]!.description = 'Other words.';
    });
    expect(formatChanges(report)).toBe(`### Other\n\n- tags: modified \`${((released.tags as JsonObject[])[1]!).name as string}\`.\n`);
    expect(report.summary).toEqual({ major: 0, minor: 0, patch: 1 });
  });
});

describe('the CI rule: a breaking change passes only with a raised major', () => {
  const removeSearch = (version: string) => (doc: JsonObject) => {
    (doc.info as JsonObject).version = version;
    const { path } = findOperation(doc, 'searchVoucherPrograms');
    delete (doc.paths as JsonObject)[path];
  };
  const base = parseVersion((released.info as JsonObject).version as string, 'releases/openapi.json');

  it('passes when info.version goes to the next major', () => {
    const verdict = checkVersionRule(diffChanged('major-raised', removeSearch(`${base.major + 1}.0.0`)));
    expect(verdict).toMatchObject({ ok: true, nextVersion: `${base.major + 1}.0.0` });
  });

  it('fails when only the minor is raised', () => {
    const verdict = checkVersionRule(diffChanged('minor-raised', removeSearch(`${base.major}.${base.minor + 1}.0`)));
    expect(verdict.ok).toBe(false);
    expect(verdict.message).toContain(`to ${base.major + 1}.0.0`);
  });

  it('fails when info.version goes down, even with no change', () => {
    const report: SpecDiffReport = { infoVersions: { base: '2.1.0', revision: '2.0.9' }, summary: { major: 0, minor: 0, patch: 0 }, changes: [] };
    expect(checkVersionRule(report)).toMatchObject({ ok: false, message: 'info.version 2.0.9 is lower than the released 2.1.0' });
  });

  it('names the next version from the changes when the spec did not raise it', () => {
    const report: SpecDiffReport = { infoVersions: { base: '1.4.2', revision: '1.4.2' }, summary: { major: 0, minor: 2, patch: 1 }, changes: [] };
    expect(checkVersionRule(report)).toMatchObject({ ok: true, nextVersion: '1.5.0' });
  });

  it('rejects a version that is not MAJOR.MINOR.PATCH with a clear error', () => {
    const report: SpecDiffReport = { infoVersions: { base: '1.0.0', revision: 'v2' }, summary: { major: 1, minor: 0, patch: 0 }, changes: [] };
    expect(() => checkVersionRule(report)).toThrow('spec info.version: "v2" is not a MAJOR.MINOR.PATCH version');
  });
});

describe('the spec against the last release', () => {
  it('has no breaking change unless info.version raised its major', () => {
    const report = diffSpecs(releasedBundlePath, currentBundlePath);
    const verdict = checkVersionRule(report);
    expect(verdict.ok, `${verdict.message}\n${breakingMessages(report).join('\n')}`).toBe(true);
  });

  it('the released bundle is a released version (MAJOR.MINOR.PATCH) of the same API', () => {
    const current = readBundle(currentBundlePath);
    expect((released.info as JsonObject).title).toBe((current.info as JsonObject).title);
    expect(() => parseVersion((released.info as JsonObject).version as string, 'releases/openapi.json')).not.toThrow();
  });

  it('a missing base file is an error that names it, not a pass', () => {
    expect(() => diffSpecs(join(scratch.dir, 'no-such-release.json'), currentBundlePath)).toThrow(/no-such-release\.json/);
  });
});

describe('pnpm spec:diff', () => {
  const run = (args: string[]) =>
    spawnSync(join(repoRoot, 'node_modules/.bin/tsx'), ['scripts/spec-diff.ts', ...args], { cwd: repoRoot, env: quietToolEnv, encoding: 'utf8' });

  it('exits 1 and names the breaking change', () => {
    const copy = structuredClone(released);
    delete (bodySchema(copy, 'createVoucherProgram', '200').properties as JsonObject).code_link;
    const result = run(['--revision', scratch.write('cli-breaking.json', copy)]);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/### Breaking\n\n- POST \S+ response 200, POST \S+ response 200: Property `code_link` of `VoucherProgramCreated` was removed\./);
    expect(result.stdout).toMatch(/✘ 1 breaking/);
  });

  it('exits 0 on an additive change and prints the version it calls for', () => {
    const copy = structuredClone(released);
    (bodySchema(copy, 'searchVoucherPrograms', 'request').properties as JsonObject).name_prefix = { type: 'string', description: 'Prefix.' };
    const result = run(['--revision', scratch.write('cli-additive.json', copy)]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/### Added\n\n- POST \S+\/search request body: added `name_prefix`/);
    expect(result.stdout).toMatch(/✔ 0 breaking, 1 additive, .*next release: \d+\.\d+\.0\)/);
  });
});
