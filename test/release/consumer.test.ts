/**
 * A partner's CI: the packages as tarballs, installed with npm into a project outside the
 * repository, running a plain Node script (mock + client + webhooks). Then the same script inside
 * the workspace, where the packages come by `workspace:*`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietToolEnv, repoRoot } from '../../scripts/lib/run.ts';
import { packAll } from './support/packed.ts';

const partnerScript = join(repoRoot, 'test', 'release', 'partner', 'partner-check.mjs');
const partnerChecks = 7;
let packs: ReturnType<typeof packAll>;
let project: string;
let install: ReturnType<typeof spawnSync>;

function runPartnerScript(cwd: string, script: string) {
  // A hung mock must not hang CI: the child is killed after 60 s.
  return spawnSync(process.execPath, [script], { cwd, env: quietToolEnv, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
}

beforeAll(() => {
  packs = packAll();
  project = join(realpathSync(packs.dir), 'partner-ci');
}, 60_000);
afterAll(() => packs?.remove());

describe('outside the workspace: tarballs installed with npm', () => {
  beforeAll(() => {
    mkdirSync(project, { recursive: true });
    const dependencies = Object.fromEntries(packs.packed.map((p) => [p.name, `file:${p.tarball}`]));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'partner-ci', private: true, type: 'module', dependencies }, null, 2));
    cpSync(partnerScript, join(project, 'partner-check.mjs'));
    // --ignore-scripts: nothing unvetted runs here; a test below proves there is nothing to run anyway.
    install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel', 'error'], {
      cwd: project,
      env: { ...quietToolEnv, npm_config_update_notifier: 'false' },
      encoding: 'utf8',
      timeout: 240_000,
    });
  }, 250_000);

  it('npm installs the four tarballs and their pinned dependencies', () => {
    expect(install.status, `${install.stdout}${install.stderr}`).toBe(0);
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; resolved?: string; hasInstallScript?: boolean }> };
    for (const packed of packs.packed) {
      const entry = lock.packages[`node_modules/${packed.name}`];
      expect(entry?.version, packed.name).toBe(packed.manifest.version);
      expect(entry?.resolved, packed.name).toMatch(/^file:.*\.tgz$/);
      // Exactly one copy: the client's and mock's exact pins were met by our tarballs, not the registry.
      expect(Object.keys(lock.packages).filter((path) => path.endsWith(`node_modules/${packed.name}`))).toHaveLength(1);
    }
  });

  it('no installed package has an install script (partners installing without --ignore-scripts run none)', () => {
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    expect(Object.entries(lock.packages).filter(([, entry]) => entry.hasInstallScript).map(([path]) => path)).toEqual([]);
  });

  it('the partner script passes with plain node, using the installed copies', () => {
    const run = runPartnerScript(project, 'partner-check.mjs');
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
    expect(run.stdout).toContain(`partner check: ${partnerChecks} passed`);
    for (const packed of packs.packed) expect(run.stdout).toContain(`# ${packed.name} from ${join(project, 'node_modules', packed.name)}`);
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
