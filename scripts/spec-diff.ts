/**
 * `pnpm spec:diff`: compares the spec with the last released bundle (releases/openapi.json) and
 * exits 1 when a breaking change comes without a raised major in info.version.
 * `--revision FILE` compares a given bundle instead of bundling spec/; `--json` prints Redocly's report.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleSpec } from './generate/bundle.ts';
import { releasedBundlePath } from './release/paths.ts';
import { diffSpecs } from './release/redoclyDiff.ts';
import { formatChanges } from './release/report.ts';
import { checkVersionRule } from './release/versionRule.ts';

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    revision: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

// Bundle spec/ as it is now, so the answer does not depend on having run `pnpm generate`.
const scratch = mkdtempSync(join(tmpdir(), 'voucher-spec-diff-'));
try {
  let revision = values.revision;
  if (!revision) {
    revision = join(scratch, 'openapi.json');
    writeFileSync(revision, JSON.stringify(bundleSpec().spec));
  }
  const report = diffSpecs(values.base ?? releasedBundlePath, revision);
  const verdict = checkVersionRule(report);
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else console.log(formatChanges(report) || 'No changes since the last release.');
  console.log(`${verdict.ok ? '✔' : '✘'} ${verdict.message}`);
  process.exitCode = verdict.ok ? 0 : 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
