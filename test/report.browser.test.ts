/**
 * Issue #8 acceptance for `bb report` in a real browser: Debian's chromium (ci/install-chromium.sh),
 * driven by playwright-core. The page shows the right state per version × target for a fixture with
 * done, pending, failed and edited versions, makes no network request, reads the same with scripts
 * off, and a 500 versions × 3 environments report renders in under 2 s. A screenshot goes to
 * test-artifacts/ (git-ignored).
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { bb, project, ROOT } from './support/bb.js';
import { large } from './support/report-fixture.js';
import { buildReport } from '../src/report/collect.js';
import { reportHtml } from '../src/report/html.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && inCi) throw new Error(`${CHROMIUM} is missing and CI=true: run ci/install-chromium.sh (called by .ci/run).`);
const ARTIFACTS = join(ROOT, 'test-artifacts');

describe.skipIf(!haveChromium)('bb report in headless Chromium', () => {
  let dir: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = project({
      'bb.config.yaml': `databases:
  app: { engine: postgres, migrations: migrations }
environments:
  - name: dev
    targets: { app: pglite://.bb/dev/app }
  - name: staging
    targets: { app: pglite://.bb/staging/app }
  - name: tenants
    targets:
      app: { urls: [ "pglite://.bb/tenants/acme", "pglite://.bb/tenants/globex" ] }
`,
      'migrations/0001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n',
      'migrations/0002_posts.sql': 'CREATE TABLE posts (id bigint PRIMARY KEY);\n',
      'migrations/0003_broken.sql': 'CREATE TABLE tags (id bigint PRIMARY KEY);\nINSERT INTO tags VALUES (1 / 0);\n',
      'migrations/0004_later.sql': 'CREATE TABLE later (id bigint PRIMARY KEY);\n',
    });
    const run = await bb(['migrate', '--env', 'dev'], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(1); // 0003 fails: 0001, 0002 done, 0004 not run
    writeFileSync(join(dir, 'migrations/0002_posts.sql'), 'CREATE TABLE posts (id bigint PRIMARY KEY, title text);\n'); // edited after apply
    const report = await bb(['report', '--out', 'out/report.html'], { cwd: dir });
    expect(report.code, report.stdout + report.stderr).toBe(0);
    expect(report.stdout).toMatch(/Wrote out\/report\.html .*2 open problems/);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const largeFile = (): string => {
    const file = join(dir, 'large.html');
    if (!existsSync(file)) writeFileSync(file, reportHtml(buildReport({ config: 'bb.config.yaml', environments: [{ name: 'dev', protected: false }, { name: 'staging', protected: false }, { name: 'prod', protected: true }], databases: [large(500)] })));
    return file;
  };
  const states = (page: import('playwright-core').Page): Promise<Record<string, string>> =>
    page.$$eval('table.matrix td[data-state]', (cells) => Object.fromEntries(cells.map((td) => [`${(td.closest('tr') as HTMLElement).dataset.version}@${(td as HTMLElement).dataset.column}`, (td as HTMLElement).dataset.state!])));

  it('shows done, changed, failed and pending in the matrix, makes no request, and saves a screenshot', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const url = pathToFileURL(join(dir, 'out/report.html')).href;
    await page.goto(url, { waitUntil: 'load' });
    expect(await states(page)).toEqual({
      '0001@dev/app': 'done', '0002@dev/app': 'mismatch', '0003@dev/app': 'failed', '0004@dev/app': 'pending',
      '0001@staging/app': 'pending', '0002@staging/app': 'pending', '0003@staging/app': 'pending', '0004@staging/app': 'pending',
      '0001@tenants/app': 'pending', '0002@tenants/app': 'pending', '0003@tenants/app': 'pending', '0004@tenants/app': 'pending',
    });
    // The tenant group is one column with counts; its Targets row expands to the members.
    expect(await page.locator('tr[data-version="0001"] td[data-column="tenants/app"]').innerText()).toBe('·2');
    const group = page.locator('#targets tr[data-column="tenants/app"] details');
    expect(await group.locator('summary').innerText()).toMatch(/tenants\/app · group of 2/);
    expect(await group.locator('li').allTextContents()).toEqual(['acme', 'globex']);
    // Visible text agrees with the data: symbols and words, in colour, with a legend.
    expect(await page.locator('tr[data-version="0003"] td[data-column="dev/app"]').innerText()).toBe('✗ failed');
    expect(await page.locator('tr[data-version="0002"] td[data-column="dev/app"]').innerText()).toBe('≠ changed');
    expect(await page.locator('#legend li').count()).toBeGreaterThanOrEqual(5);
    const failed = page.locator('#failures article[data-state="failed"]');
    await expect.poll(() => failed.count()).toBe(1);
    expect(await failed.innerText()).toMatch(/division by zero/);
    expect(await failed.locator('pre.sql').innerText()).toMatch(/INSERT INTO tags VALUES \(1 \/ 0\)/);
    expect(await failed.locator('pre.cmd').innerText()).toBe('bb repair --env dev --db app --version 0003 && bb migrate --env dev');
    expect(await page.locator('#failures article[data-state="mismatch"] pre.cmd').innerText()).toBe('bb repair --env dev --db app --accept-checksums');
    expect(await page.locator('#timeline').innerText()).toMatch(/0001\s+users\s+done/);
    // The script only adds a filter box; filtering hides the other rows.
    await page.fill('#filter-slot input', '0003');
    expect(await page.locator('table.matrix tbody tr:visible').count()).toBe(1);
    await page.fill('#filter-slot input', '');
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    expect(requests).toEqual([url]);
    await page.close();
  });

  it('reads the same with scripts off; "problems only" works without them', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(dir, 'out/report.html')).href);
    const s = await states(page);
    expect(s['0003@dev/app']).toBe('failed');
    expect(s['0002@dev/app']).toBe('mismatch');
    expect(await page.locator('#filter-slot input').count()).toBe(0);
    // <details> opens without scripts: the group's members.
    await page.click('#targets tr[data-column="tenants/app"] summary');
    expect(await page.locator('#targets tr[data-column="tenants/app"] li').first().isVisible()).toBe(true);
    await page.check('#only-problems');
    // Every version has a pending cell on staging here, so all stay; none is hidden wrongly.
    expect(await page.locator('table.matrix tbody tr:visible').count()).toBe(4);
    // On the large report (450 of 500 versions done everywhere) the CSS-only toggle hides the done ones.
    await page.goto(pathToFileURL(largeFile()).href);
    expect(await page.locator('table.matrix tbody tr:visible').count()).toBe(500);
    await page.check('#only-problems');
    expect(await page.locator('table.matrix tbody tr:visible').count()).toBe(50);
    await context.close();
  });

  it('renders 500 versions × 3 environments in under 2 s', async () => {
    const file = largeFile();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const started = Date.now();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(undefined)))); // first frame painted
    const wall = Date.now() - started;
    const inPage = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
    expect(await page.locator('table.matrix td[data-state]').count()).toBe(1500);
    expect(await page.locator('table.matrix tr.todo').count()).toBe(50);
    expect(inPage).toBeLessThan(2000);
    expect(wall).toBeLessThan(2000);
    expect(requests).toHaveLength(1);
    await page.screenshot({ path: join(ARTIFACTS, 'report-500.png') });
    await page.close();
  });
});
