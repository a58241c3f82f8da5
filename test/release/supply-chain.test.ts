/**
 * Supply chain: the lockfile is installed frozen, dependency build scripts are decided one by one,
 * the audit rule counts only written exceptions, and the tools we run are told not to phone home.
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { quietToolEnv, repoRoot } from '../../scripts/lib/run.ts';
import { unexplainedFindings, type AuditReport } from '../../scripts/release/auditFindings.ts';

const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');

/** Every installed package (pnpm's store layout) whose manifest runs code on install. */
function packagesWithInstallScripts(): Map<string, string> {
  const store = join(repoRoot, 'node_modules', '.pnpm');
  const found = new Map<string, string>();
  for (const entry of readdirSync(store)) {
    const modules = join(store, entry, 'node_modules');
    if (!existsSync(modules)) continue;
    for (const name of readdirSync(modules).flatMap((n) => (n.startsWith('@') ? readdirSync(join(modules, n)).map((m) => `${n}/${m}`) : [n]))) {
      const dir = join(modules, name);
      if (lstatSync(dir).isSymbolicLink() || !existsSync(join(dir, 'package.json'))) continue;
      const scripts = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
      const install = scripts.preinstall ?? scripts.install ?? scripts.postinstall ?? (existsSync(join(dir, 'binding.gyp')) ? 'node-gyp rebuild' : undefined);
      if (install) found.set(name, install);
    }
  }
  return found;
}

describe('installs', () => {
  it('CI installs from the frozen lockfile', () => {
    expect(read('.ci/setup')).toMatch(/^pnpm install --frozen-lockfile$/m);
    expect(read('.ci/run')).toMatch(/bash \.ci\/setup/);
  });

  it('every dependency with an install script is allowed or denied by name; only esbuild runs', () => {
    const allowBuilds = (parse(read('pnpm-workspace.yaml')) as { allowBuilds: Record<string, boolean> }).allowBuilds;
    const withScripts = packagesWithInstallScripts();
    expect(withScripts.size).toBeGreaterThan(0); // esbuild at least: a scan that finds nothing proves nothing
    for (const name of withScripts.keys()) expect(allowBuilds, `${name} runs "${withScripts.get(name)}" on install`).toHaveProperty([name]);
    expect(Object.entries(allowBuilds).filter(([, allowed]) => allowed).map(([name]) => name)).toEqual(['esbuild']);
    // Scarf's postinstall reports installs to an analytics service.
    expect(allowBuilds['@scarf/scarf']).toBe(false);
  });
});

describe('the audit rule', () => {
  const report: AuditReport = {
    advisories: {
      '1': { github_advisory_id: 'GHSA-aaaa-bbbb-cccc', module_name: 'left-pad', severity: 'critical', title: 'Pads too much', url: 'https://example.test/1' },
      '2': { github_advisory_id: 'GHSA-dddd-eeee-ffff', module_name: 'right-pad', severity: 'high', title: 'Pads too little', url: 'https://example.test/2' },
      '3': { github_advisory_id: 'GHSA-gggg-hhhh-iiii', module_name: 'mid-pad', severity: 'moderate', title: 'Pads', url: 'https://example.test/3' },
    },
  };

  it('fails on high and critical findings, not on moderate ones', () => {
    expect(unexplainedFindings(report, {})).toEqual([
      'critical: left-pad: Pads too much (GHSA-aaaa-bbbb-cccc, https://example.test/1)',
      'high: right-pad: Pads too little (GHSA-dddd-eeee-ffff, https://example.test/2)',
    ]);
  });

  it('lets a finding through only with a written reason', () => {
    expect(unexplainedFindings(report, { 'GHSA-aaaa-bbbb-cccc': { reason: 'Only reachable from the CLI help text; no fix released.' } })).toHaveLength(1);
    expect(unexplainedFindings(report, { 'GHSA-aaaa-bbbb-cccc': { reason: '' } })).toHaveLength(2);
  });

  it('the committed exceptions all carry a reason', () => {
    const exceptions = JSON.parse(read('releases/audit-exceptions.json')) as Record<string, { reason?: string }>;
    for (const [id, exception] of Object.entries(exceptions)) expect(exception.reason, id).toMatch(/\w{10,}/);
  });
});

describe('no telemetry from the tools we run', () => {
  it('the one environment every tool runs with turns Redocly telemetry and update checks off', () => {
    expect(quietToolEnv).toMatchObject({ REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_UPDATE_NOTIFIER: '1' });
    for (const runner of ['scripts/lib/run.ts', 'scripts/lint/exec.ts']) expect(read(runner), runner).toContain('env: quietToolEnv');
  });

  it('every script that starts a tool passes that environment', () => {
    const sources = (dir: string): string[] =>
      readdirSync(join(repoRoot, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? (e.name === 'node_modules' ? [] : sources(join(dir, e.name))) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
      );
    // Starting redocly, spectral or a package script any other way would skip quietToolEnv.
    const direct = sources('scripts').filter((file) => /(spawn|execFile)(Sync)?\([^)]*(redocly|spectral|'pnpm')/.test(read(file)) && !read(file).includes('quietToolEnv'));
    expect(direct).toEqual([]);
  });

  it('the published docs page is checked for Redoc telemetry off by the docs suite, which renders it', () => {
    expect(read('test/docs/site.test.ts')).toContain(`'"disableTelemetry":true'`);
  });

  it('our own Redocly config says telemetry off too, whatever the environment', () => {
    expect(parse(read('scripts/release/redocly-diff.yaml'))).toMatchObject({ telemetry: 'off' });
  });
});
