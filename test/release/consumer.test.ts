/**
 * A partner's CI: the packages as tarballs from `pnpm tarballs`, installed with the `npm install`
 * line it prints into a project outside the repository; a TypeScript file compiled there with
 * `strict` and `skipLibCheck: false`; a plain Node script run there (mock, client credentials
 * against the mock's token endpoint, client, webhooks). Then the same script inside the
 * workspace, where the packages come by `workspace:*`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietToolEnv, repoRoot } from '../../scripts/lib/run.ts';
import { createPackDirectory } from '../../scripts/release/pack.ts';
import { listPublishablePackages } from '../../scripts/release/publishable.ts';

const partnerScript = join(repoRoot, 'test', 'release', 'partner', 'partner-check.mjs');
const partnerTypes = join(repoRoot, 'test', 'release', 'partner', 'partner-types.ts');
const partnerChecks = 8;
// The types a partner on Node 20 installs; pinned so the check does not move under us.
const partnerTypesNode = '@types/node@20.19.43';
const publishable = listPublishablePackages().map(({ manifest }) => manifest);
let scratch: ReturnType<typeof createPackDirectory>;
let installLine: string;
let project: string;
let install: ReturnType<typeof spawnSync>;

function runPartnerScript(cwd: string, script: string) {
  // A hung mock must not hang CI: the child is killed after 60 s.
  return spawnSync(process.execPath, [script], { cwd, env: quietToolEnv, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
}

beforeAll(() => {
  scratch = createPackDirectory();
  const folder = join(realpathSync(scratch.dir), 'tarballs');
  // The documented command, as a partner trying the packages would run it.
  const packed = spawnSync('pnpm', ['--silent', 'tarballs', folder], { cwd: repoRoot, env: quietToolEnv, encoding: 'utf8', timeout: 170_000 });
  if (packed.status !== 0) throw new Error(`pnpm tarballs failed:\n${packed.stdout}${packed.stderr}`);
  installLine = packed.stdout.trim().split('\n').at(-1)!;
  project = join(realpathSync(scratch.dir), 'partner-ci');
}, 180_000);
afterAll(() => scratch?.remove());

describe('outside the workspace: tarballs installed with npm', () => {
  beforeAll(() => {
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'partner-ci', private: true, type: 'module' }, null, 2));
    cpSync(partnerScript, join(project, 'partner-check.mjs'));
    cpSync(partnerTypes, join(project, 'partner-types.ts'));
    const [npm, verb, ...tarballs] = installLine.split(' ');
    expect([npm, verb]).toEqual(['npm', 'install']);
    // --ignore-scripts: nothing unvetted runs here; a test below proves there is nothing to run anyway.
    install = spawnSync('npm', ['install', ...tarballs, partnerTypesNode, '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel', 'error'], {
      cwd: project,
      env: { ...quietToolEnv, npm_config_update_notifier: 'false' },
      encoding: 'utf8',
      timeout: 240_000,
    });
  }, 250_000);

  it('pnpm tarballs prints one npm install line naming a tarball of each package', () => {
    expect(installLine).toMatch(/^npm install \S+\.tgz( \S+\.tgz)*$/);
    expect(installLine.split(' ').slice(2)).toHaveLength(publishable.length);
  });

  it('npm installs the four tarballs and their pinned dependencies', () => {
    expect(install.status, `${install.stdout}${install.stderr}`).toBe(0);
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; resolved?: string; hasInstallScript?: boolean }> };
    for (const manifest of publishable) {
      const entry = lock.packages[`node_modules/${manifest.name}`];
      expect(entry?.version, manifest.name).toBe(manifest.version);
      expect(entry?.resolved, manifest.name).toMatch(/^file:.*\.tgz$/);
      // Exactly one copy: the client's and mock's exact pins were met by our tarballs, not the registry.
      expect(Object.keys(lock.packages).filter((path) => path.endsWith(`node_modules/${manifest.name}`))).toHaveLength(1);
    }
  });

  const compilePartnerTypes = (file: string) => {
    const tsconfig = { compilerOptions: { strict: true, skipLibCheck: false, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', types: ['node'] }, files: [file] };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    return spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8', timeout: 120_000 });
  };

  it('a partner TypeScript file compiles against the installed declarations with strict and skipLibCheck: false', () => {
    const compiled = compilePartnerTypes('partner-types.ts');
    expect(compiled.status, `${compiled.stdout}${compiled.stderr}`).toBe(0);
  }, 120_000);

  it('the same compile fails on a partner mistake (a check that cannot fail proves nothing)', () => {
    const source = readFileSync(join(project, 'partner-types.ts'), 'utf8');
    expect(source).toContain('limit: 10,');
    writeFileSync(join(project, 'partner-mistake.ts'), source.replace('limit: 10,', "limit: '10',"));
    const compiled = compilePartnerTypes('partner-mistake.ts');
    expect(compiled.status).not.toBe(0);
    expect(compiled.stdout).toMatch(/partner-mistake\.ts.*error TS2322/);
  }, 120_000);

  it('no installed package has an install script (partners installing without --ignore-scripts run none)', () => {
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    expect(Object.entries(lock.packages).filter(([, entry]) => entry.hasInstallScript).map(([path]) => path)).toEqual([]);
  });

  it('the partner script passes with plain node, using the installed copies', () => {
    const run = runPartnerScript(project, 'partner-check.mjs');
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
    expect(run.stdout).toContain(`partner check: ${partnerChecks} passed`);
    for (const manifest of publishable) expect(run.stdout).toContain(`# ${manifest.name} from ${join(project, 'node_modules', manifest.name)}`);
  });
});

describe('inside the workspace: the same script by workspace:*', () => {
  it('passes, using the workspace packages', () => {
    const run = runPartnerScript(repoRoot, partnerScript);
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
    expect(run.stdout).toContain(`partner check: ${partnerChecks} passed`);
    expect(run.stdout).toContain(`# @voucher-programs/client from ${join(repoRoot, 'packages', 'client', 'dist', 'index.js')}`);
    expect(run.stdout).toContain(`# @voucher-programs/spec from ${join(repoRoot, 'generated', 'index.js')}`);
  });

  it('fails loudly when a check fails (a script that cannot fail proves nothing)', () => {
    // Same script, but the typed error is asked for with a status the operation does not declare.
    const broken = readFileSync(partnerScript, 'utf8').replace("Prefer: 'code=404'", "Prefer: 'code=418'");
    expect(broken).toContain('code=418');
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', broken], { cwd: repoRoot, env: quietToolEnv, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/AssertionError|ApiError/);
    expect(run.stdout).not.toContain('partner check:');
  });
});
