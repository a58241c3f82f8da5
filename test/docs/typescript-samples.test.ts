import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeSamplesFor } from '../../scripts/docs/code-samples.ts';
import { listOperations } from '../../scripts/docs/spec-walk.ts';
import type { BundledSpec } from '../../scripts/generate/artifact.ts';
import { loadBundle } from './support/bundle.ts';
import { typecheckSamples } from './support/typecheck.ts';

const samplesDir = fileURLToPath(new URL('./.samples/', import.meta.url));
const serverUrl = 'https://api.uber.com';

function typescriptSamples(spec: BundledSpec, prefix = ''): Record<string, string> {
  return Object.fromEntries(
    listOperations(spec).map((op) => [`${prefix}${op.operationId}.ts`, codeSamplesFor(spec, op, serverUrl)[0]!.source]),
  );
}

/** The ```ts blocks of the introduction and tag descriptions: prose samples must compile too. */
function proseSamples(spec: BundledSpec): Record<string, string> {
  const texts: Array<[string, string]> = [
    ['introduction', spec.info.description as string],
    ...(spec.tags as Array<{ name: string; description?: string }>).map((tag): [string, string] => [tag.name, tag.description ?? '']),
  ];
  const samples: Record<string, string> = {};
  for (const [where, text] of texts) {
    [...text.matchAll(/```(?:ts|typescript)\n([\s\S]*?)```/g)].forEach((match, index) => {
      samples[`prose-${where}-${index + 1}.ts`] = match[1]!;
    });
  }
  return samples;
}

/** The same spec, changed the way a careless spec edit would break a sample. */
function brokenSpecs(): Record<string, string> {
  const wrongType = loadBundle();
  const createExamples = wrongType.paths['/v1/organizations/{organization_id}/voucher-programs'].post.requestBody.content['application/json'].examples;
  createExamples.multi_code.value.number_of_codes = 'five hundred';

  const renamed = loadBundle();
  renamed.paths['/v1/organizations/{organization_id}/voucher-programs/{voucher_program_id}/codes'].get.operationId = 'fetchVoucherCodes';

  const unknownField = loadBundle();
  unknownField.components.schemas.RedeemVoucherCodeRequest.example = { code: 'asdbHd2' };

  return {
    'broken-wrong-type.ts': typescriptSamples(wrongType)['createVoucherProgram.ts']!,
    'broken-renamed.ts': typescriptSamples(renamed)['fetchVoucherCodes.ts']!,
    'broken-unknown-field.ts': typescriptSamples(unknownField)['redeemVoucherCode.ts']!,
  };
}

describe('TypeScript samples against @voucher-programs/client', () => {
  const spec = loadBundle();
  const operationSamples = typescriptSamples(spec);
  const prose = proseSamples(spec);
  const broken = brokenSpecs();
  let errors: Record<string, string[]>;

  beforeAll(() => {
    // One program for all of them: loading the client's types is most of the cost.
    errors = typecheckSamples(join(samplesDir, 'check'), { ...operationSamples, ...prose, ...broken });
  });

  it('compiles the sample of every one of the 20 operations with no error', () => {
    expect(Object.keys(operationSamples)).toHaveLength(20);
    const failing = Object.entries(operationSamples)
      .filter(([name]) => errors[name]!.length > 0)
      .map(([name]) => `${name}\n  ${errors[name]!.join('\n  ')}`);
    expect(failing).toEqual([]);
  });

  it('compiles the TypeScript blocks in the introduction and tag descriptions', () => {
    expect(Object.keys(prose).length).toBeGreaterThan(0);
    for (const name of Object.keys(prose)) expect(errors[name], name).toEqual([]);
  });

  it('fails to compile a sample once the spec changes under it', () => {
    expect(errors['broken-wrong-type.ts']!.join('\n')).toMatch(/number_of_codes|not assignable to type 'number'/);
    expect(errors['broken-renamed.ts']!.join('\n')).toMatch(/fetchVoucherCodes/);
    expect(errors['broken-unknown-field.ts']!.join('\n')).toMatch(/'code' does not exist|code_text/);
  });
});
