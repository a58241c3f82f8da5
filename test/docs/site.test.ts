import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocsSite } from '../../scripts/docs/build.ts';
import { serveDocs, type DocsServer } from '../../scripts/docs/serve.ts';
import { listOperations, resolveRef } from '../../scripts/docs/spec-walk.ts';
import { repoRoot } from '../../scripts/lib/run.ts';
import { loadBundle } from './support/bundle.ts';
import { launchChromium } from './support/chromium.ts';

const spec = loadBundle();
const operations = listOperations(spec);
const webhooks = Object.entries<Record<string, any>>(spec.webhooks).map(([event, item]) => ({ event, ...item.post }));
const tagNames = new Map((spec.tags as Array<{ name: string; 'x-displayName': string }>).map((t) => [t.name, t['x-displayName']]));
const screenshots = join(repoRoot, 'test-results', 'docs');

/** Redoc's route (and element id) for an operation: `<tag>/<operationid in lower case>`. */
const routeOf = (tag: string, operationId: string) => `${tag}/${operationId.toLowerCase()}`;

describe('the docs site in Chromium', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'voucher-docs-site-'));
  let server: DocsServer;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let page: Page;
  let pageHtml: string;
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  const recordForeign = (url: string) => {
    if (!foreignRequests.includes(url)) foreignRequests.push(url);
  };

  beforeAll(async () => {
    const build = buildDocsSite(outDir);
    pageHtml = readFileSync(build.indexHtmlPath, 'utf8');
    server = await serveDocs({ dir: outDir });
    const origin = new URL(server.url).origin;
    const isLocal = (url: string) => url.startsWith(`${origin}/`) || url.startsWith(`blob:${origin}/`) || url.startsWith('data:');
    browser = await launchChromium();
    // Record, then refuse, anything bound elsewhere: the page must work with nothing but itself.
    await browser.context.route('**/*', (route) => {
      const url = route.request().url();
      if (isLocal(url)) return route.continue();
      recordForeign(url);
      return route.abort('blockedbyclient');
    });
    browser.context.on('request', (request) => {
      if (!isLocal(request.url())) recordForeign(request.url());
    });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    mkdirSync(screenshots, { recursive: true });
    await page.goto(server.url, { waitUntil: 'networkidle' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  const menu = () => page.locator('[data-component-name="Menu/Menu"]').first();

  async function open(route: string): Promise<ReturnType<Page['locator']>> {
    await page.evaluate((hash) => (window.location.hash = hash), `#/${route}`);
    const section = page.locator(`[id="${route}"]`);
    await section.waitFor({ state: 'visible' });
    // Redoc may show the element a moment before it fills it in.
    await expect.poll(() => section.innerText(), { message: route }).not.toBe('');
    return section;
  }

  it('builds one self-contained page with Redoc inlined and its telemetry off', () => {
    expect(pageHtml).toContain('"disableTelemetry":true');
    expect(pageHtml).not.toMatch(/<script[^>]+src=["']https?:/);
    expect(pageHtml).not.toMatch(/<link[^>]+href=["']https?:/);
    expect(pageHtml).not.toContain('cdn.redoc.ly');
  });

  it('opens on the introduction, with every guide section in the navigation and the lifecycle diagram drawn', async () => {
    await expect.poll(() => page.title()).toBe(spec.info.title);
    const navigation = await menu().innerText();
    for (const section of ['Quick start', 'Authentication', 'Program lifecycle', 'Code schemes', 'Errors', 'Rate limits', 'Webhooks', 'Testing against the mock']) {
      expect(navigation).toContain(section);
    }
    await page.screenshot({ path: join(screenshots, 'landing.png') });

    const diagram = page.getByRole('img', { name: /Program lifecycle/ });
    await diagram.scrollIntoViewIfNeeded();
    const box = await diagram.locator('svg').boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    for (const state of ['UPCOMING', 'ACTIVE', 'COMPLETE', 'CANCELED']) {
      await expect.poll(() => diagram.locator('svg text', { hasText: state }).count()).toBeGreaterThan(0);
    }
    await page.screenshot({ path: join(screenshots, 'lifecycle.png') });
  });

  it('has "Testing with the sandbox" as a page of its own, its sections in the navigation and its samples shown', async () => {
    const item = menu().locator('a[href="/testing-with-the-sandbox"]');
    await expect.poll(() => item.innerText()).toContain('Testing with the sandbox');
    await item.click();
    const navigation = await menu().innerText();
    for (const section of ['One step in CI', 'A vitest global set-up', 'The in-process fetch and the clock', 'Webhooks to your own receiver', 'Faults on demand', 'The rules it models']) {
      expect(navigation).toContain(section);
    }
    const ci = await open('testing-with-the-sandbox/one-step-in-ci');
    expect(await ci.innerText()).toContain('npx voucher-programs-mock sandbox --port 4010');
    const inProcess = await open('testing-with-the-sandbox/the-in-process-fetch-and-the-clock');
    expect(await inProcess.innerText()).toContain('fetch: sandbox.fetch,');
    await page.screenshot({ path: join(screenshots, 'sandbox-guide.png') });
  });

  it('lists all 20 operations and all 4 webhooks in the navigation, under their tags', async () => {
    const expected = [...operations.map((op) => ({ tag: op.tag, summary: op.operation.summary as string })), ...webhooks.map((w) => ({ tag: 'webhooks', summary: w.summary as string }))];
    expect(expected).toHaveLength(24);
    const found: string[] = [];
    for (const [tag, displayName] of tagNames) {
      // By href: "Webhooks" names both an introduction section and the webhooks tag.
      const tagItem = menu().locator(`a[href="/${tag}"]`);
      await expect.poll(() => tagItem.innerText()).toContain(displayName);
      await tagItem.click();
      for (const { summary } of expected.filter((e) => e.tag === tag)) {
        const item = menu().getByText(summary, { exact: true });
        await item.first().waitFor({ state: 'visible' });
        found.push(summary);
      }
    }
    expect(found.sort()).toEqual(expected.map((e) => e.summary).sort());
  });

  it('shows every operation with its request, its responses with examples, and TypeScript samples', async () => {
    for (const op of operations) {
      const route = routeOf(op.tag, op.operationId);
      const section = await open(route);
      const text = await section.innerText();
      expect(text, route).toContain(op.operation.summary);

      // The request: each path parameter and each top-level body property is documented.
      for (const p of op.parameters.filter((q) => q.in === 'path')) expect(text, `${route} ${p.name}`).toContain(p.name);
      if (op.operation.requestBody) {
        const schema = resolveRef(spec, resolveRef(spec, op.operation.requestBody).content['application/json'].schema);
        for (const property of Object.keys(schema.properties ?? {})) expect(text, `${route} body ${property}`).toContain(property);
      }

      // The responses: every status, and a sample panel showing the example of the first one that has a body.
      const responses = await page.locator(`[id="${route}/responses"]`).innerText();
      for (const status of Object.keys(op.operation.responses)) expect(responses, `${route} ${status}`).toContain(status);
      const [withBody] = Object.entries<unknown>(op.operation.responses).find(([, response]) => resolveRef(spec, response).content) ?? [];
      expect(withBody, `${route} documents no response body at all`).toBeDefined();
      const responseSamples = section.locator('.panel-response-samples');
      await responseSamples.getByText(withBody!, { exact: true }).first().click();
      const media = resolveRef(spec, op.operation.responses[withBody!]).content['application/json'];
      const example = media.example ?? resolveRef(spec, Object.values<unknown>(media.examples ?? {})[0] ?? {}).value ?? resolveRef(spec, media.schema).example;
      const firstKey = example && typeof example === 'object' ? Object.keys(example)[0] : undefined;
      await expect.poll(() => responseSamples.innerText(), { message: `${route} ${withBody}` }).toContain(firstKey ? `"${firstKey}":` : '{');

      // The code samples: TypeScript is the first tab.
      const requestSamples = section.locator('.panel-request-samples');
      await expect.poll(() => requestSamples.innerText(), { message: route }).toContain(`client.${op.tag}.${op.operationId}(`);
    }
  });

  it('shows request and response examples for create program, and its curl sample on the curl tab', async () => {
    const section = await open(routeOf('programs', 'createVoucherProgram'));
    const created = resolveRef(spec, spec.components.schemas.VoucherProgramCreated);
    await expect.poll(() => section.locator('.panel-response-samples').innerText()).toContain(created.properties.voucher_program_id.example);

    const requestSamples = section.locator('.panel-request-samples');
    await requestSamples.getByText('TypeScript', { exact: true }).first().click();
    await page.getByRole('menuitem', { name: 'curl' }).click();
    await expect.poll(() => requestSamples.innerText()).toContain('curl --request POST');
    expect(await requestSamples.innerText()).toContain('"name": "Summer offsite rides"');
    await requestSamples.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, 'operation.png') });

    // The language choice holds across operations.
    const codes = await open(routeOf('codes', 'getVoucherCodes'));
    await expect.poll(() => codes.locator('.panel-request-samples').innerText()).toContain('curl --request GET');
  });

  it('shows each webhook with its headers and an example payload', async () => {
    for (const webhook of webhooks) {
      const section = await open(routeOf('webhooks', webhook.operationId));
      const text = await section.innerText();
      expect(text, webhook.event).toContain(webhook.summary);
      expect(text, webhook.event).toContain('X-Uber-Signature');
      expect(text, webhook.event).toContain(`"event_type": "${webhook.event}"`);
    }
  });

  it('has no link in the guides that leads nowhere', async () => {
    const linksIn = () =>
      page.locator('[data-component-name="Markdown/Markdown"] a[href^="#/"]').evaluateAll((links) => links.map((link) => link.getAttribute('href')!.slice(2)));
    await open('section/quick-start');
    const routes = new Set(await linksIn());
    for (const tag of tagNames.keys()) {
      await open(tag);
      for (const route of await linksIn()) routes.add(route);
    }
    expect(routes.size).toBeGreaterThan(5);
    // Redoc renders the sections near the current route only, so each link is followed, not looked up.
    for (const route of routes) await open(route);
  });

  it('would notice a request to another host (the check below is not blind)', async () => {
    const probe = await browser.context.newPage();
    try {
      await probe.goto(server.url, { waitUntil: 'domcontentloaded' });
      await probe.evaluate(() => fetch('https://telemetry.example/v1/traces', { method: 'POST', body: '{}' }).catch(() => undefined));
      expect(foreignRequests).toContain('https://telemetry.example/v1/traces');
    } finally {
      await probe.close();
      foreignRequests.splice(0, foreignRequests.length, ...foreignRequests.filter((url) => url !== 'https://telemetry.example/v1/traces'));
    }
  });

  it('fetched nothing from any other host and logged no console error', () => {
    expect(foreignRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
