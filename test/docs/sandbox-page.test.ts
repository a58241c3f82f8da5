/**
 * Runs the samples of the "Testing with the sandbox" page: each TypeScript script with tsx against
 * a real sandbox, its output compared with the `// → …` lines the page shows; the global set-up in
 * a nested vitest run; and the shell blocks with bash against a real `voucher-programs-mock sandbox`.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from '../../scripts/lib/freePort.ts';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify, stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/run.ts';
import { loadBundle } from './support/bundle.ts';

const run = promisify(execFile);
const pageTag = 'testing-with-the-sandbox';
// Inside the workspace, so the samples resolve @voucher-programs/* as an installed project would.
const runDir = fileURLToPath(new URL('./.samples/sandbox-page/', import.meta.url));
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
const sampleEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', UBER_WEBHOOK_SIGNING_KEY: randomBytes(24).toString('hex') };

function pageText(): string {
  const tag = (loadBundle().tags as Array<{ name: string; description?: string }>).find((candidate) => candidate.name === pageTag);
  if (!tag?.description) throw new Error(`no tag ${pageTag} with a description in the bundle`);
  return tag.description;
}

const blocks = (text: string, languages: string) => [...text.matchAll(new RegExp('```(?:' + languages + ')\\n([\\s\\S]*?)```', 'g'))].map((match) => match[1]!);

/** What the page says a sample prints: every `// → …`, in order. */
const expectedOutput = (source: string) => [...source.matchAll(/\/\/ → (.*)$/gm)].map((match) => match[1]!.trim());

async function runTypeScript(name: string, source: string): Promise<{ code: number; stdout: string[]; stderr: string }> {
  writeFileSync(join(runDir, name), source);
  try {
    const { stdout, stderr } = await run(tsx, [join(runDir, name)], { cwd: runDir, env: sampleEnv, timeout: 60_000 });
    return { code: 0, stdout: stdout.split('\n').map((line) => line.trim()).filter(Boolean), stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: (failed.stdout ?? '').split('\n').filter(Boolean), stderr: failed.stderr ?? '' };
  }
}


describe('the "Testing with the sandbox" page', () => {
  const text = pageText();
  const typescript = blocks(text, 'ts|typescript');
  const shell = blocks(text, 'sh|bash|shell');
  const setupSample = typescript.find((source) => source.includes('export default'))!;
  const scripts = typescript.filter((source) => source !== setupSample);

  beforeAll(() => {
    for (const name of ['client', 'mock', 'webhooks']) {
      if (!existsSync(join(repoRoot, 'packages', name, 'dist', 'index.js'))) {
        throw new Error(`packages/${name} is not built: run \`pnpm --recursive --filter './packages/*' run build\``);
      }
    }
    rmSync(runDir, { recursive: true, force: true });
    mkdirSync(runDir, { recursive: true });
  });
  afterAll(() => rmSync(runDir, { recursive: true, force: true }));

  it('has the samples this test runs: a global set-up, three scripts that say what they print, three shell blocks', () => {
    expect(setupSample).toBeDefined();
    expect(scripts).toHaveLength(3);
    for (const source of scripts) expect(expectedOutput(source).length, source.slice(0, 80)).toBeGreaterThan(0);
    expect(shell).toHaveLength(3);
  });

  it.each(scripts.map((source, index) => [index + 1, source] as const))('runs TypeScript sample %i and prints what the page says', async (index, source) => {
    const result = await runTypeScript(`sample-${index}.ts`, source);
    expect(result.stderr, `sample ${index} wrote to stderr`).toBe('');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toEqual(expectedOutput(source));
  }, 90_000);

  it('notices a sample whose output differs from the page (the comparison is not blind)', async () => {
    const clockSample = scripts.find((source) => source.includes('sandbox.clock.advance(hour);'))!;
    const result = await runTypeScript('sample-without-advance.ts', clockSample.replace('sandbox.clock.advance(hour);', ''));
    expect(result.code).toBe(0);
    expect(result.stdout).not.toEqual(expectedOutput(clockSample));
    expect(result.stdout).toContain('UPCOMING');
    expect(result.stdout.filter((line) => line === 'ACTIVE')).toEqual([]);
  }, 90_000);

  it('runs the global set-up in vitest itself: a sandbox on loopback, injected into a test, stopped after the run', async () => {
    writeFileSync(join(runDir, 'sandbox.setup.ts'), setupSample);
    writeFileSync(join(runDir, 'vitest.config.ts'), "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { include: ['*.spec.ts'], globalSetup: ['./sandbox.setup.ts'] } });\n");
    writeFileSync(
      join(runDir, 'sandbox.spec.ts'),
      `import { writeFileSync } from 'node:fs';
      import { expect, inject, test } from 'vitest';
      test('reaches the sandbox the set-up started', async () => {
        const url = inject('sandboxUrl' as never) as string;
        const clock = await fetch(url + '/__sandbox/clock');
        expect(clock.status).toBe(200);
        expect(((await clock.json()) as { mode: string }).mode).toBe('manual');
        writeFileSync('sandbox-url.txt', url);
      });\n`,
    );
    const vitest = join(repoRoot, 'node_modules', '.bin', 'vitest');
    const { stdout } = await run(vitest, ['run', '--root', runDir, '--config', join(runDir, 'vitest.config.ts')], { cwd: runDir, env: { ...sampleEnv, FORCE_COLOR: '0' }, timeout: 60_000 });
    expect(stripVTControlCharacters(stdout)).toMatch(/Tests\s+1 passed/);
    const url = readFileSync(join(runDir, 'sandbox-url.txt'), 'utf8');
    expect(new URL(url).hostname).toBe('127.0.0.1');
    // The teardown the set-up returned has run: nothing answers there any more.
    await expect(fetch(`${url}/__sandbox/clock`)).rejects.toThrow();
  }, 90_000);

  it('runs the shell blocks in order against a real `voucher-programs-mock sandbox` process', async () => {
    const port = await freePort();
    const script = ['set -eu', ...shell.map((block, index) => `${block.replaceAll('4010', String(port))}\necho; echo "--- block ${index + 1} done"`)].join('\n');
    expect(script).not.toContain('4010');
    // Its own process group, so the sandbox the first block leaves in the background is stopped with it.
    const child = spawn('bash', ['-c', script], { cwd: repoRoot, env: { ...sampleEnv, npm_config_offline: 'true' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    try {
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code, `${stdout}\n${stderr}`).toBe(0);
      expect(stdout).toContain(`Voucher Programs sandbox listening on http://127.0.0.1:${port}`);
      for (const index of [1, 2, 3]) expect(stdout).toContain(`--- block ${index} done`);

      // The state the blocks left behind, read back independently: the clock the second block moved, the rule the third added.
      const base = `http://127.0.0.1:${port}/__sandbox`;
      const clock = (await (await fetch(`${base}/clock`)).json()) as { now: number; mode: string };
      expect(clock.mode).toBe('manual');
      expect(stdout).toContain(`"now":${clock.now}`);
      const rules = (await (await fetch(`${base}/faults`)).json()) as { faults: Array<Record<string, unknown>> };
      expect(rules.faults).toEqual([expect.objectContaining({ fault: 'rate_limited', operation_id: 'getVoucherProgram', remaining: 2 })]);
    } finally {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // The group is gone already.
      }
    }
  }, 90_000);
});
