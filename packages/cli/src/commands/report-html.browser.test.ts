import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderHtmlReport } from '@agent-cicd/core/report';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReportFixture } from '../../../core/src/test-utils/make-report-fixture.js';
import { chromiumAvailable, launchChromium } from '../test-utils/chromium.js';
import { runCli } from '../test-utils/run-cli.js';

// The bits of the DOM the page functions below use (this package is typed for Node, without the DOM library).
declare const document: {
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
  getElementById(id: string): { scrollTop: number } | null;
};

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const artifacts = join(repoRoot, '.agent-cicd', 'artifacts');

/** Opens a file in a fresh page; collects console errors, page errors and every request that is not file:. */
async function open(browser: Browser, file: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (!url.startsWith('file:')) requests.push(url);
    return url.startsWith('file:') ? route.continue() : route.abort();
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return { page, problems, requests };
}

const visibleCount = async (page: Page): Promise<number> => Number(await page.getAttribute('#count', 'data-visible'));

describe.skipIf(!chromiumAvailable())('the HTML report in headless chromium', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launchChromium();
    dir = await mkdtemp(join(tmpdir(), 'agent-cicd-html-'));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('report html --baseline: gate, flipped cases first, filters and search, no console errors, no network', async () => {
    const baseline = makeReportFixture({
      suites: 3,
      casesPerSuite: 20,
      trials: 3,
      failRate: 0.02,
      errorRate: 0,
      seed: 7,
    });
    const candidate = makeReportFixture({
      suites: 3,
      casesPerSuite: 20,
      trials: 3,
      failRate: 0.08,
      errorRate: 0.02,
      seed: 8,
      responseExtra: ' </script><script>window.pwned = true</script><img src="https://example.com/x.png">',
    });
    await writeFile(join(dir, 'baseline.json'), JSON.stringify(baseline));
    await writeFile(join(dir, 'candidate.json'), JSON.stringify(candidate));
    const cli = await runCli(
      ['report', 'html', 'candidate.json', '--baseline', 'baseline.json', '-o', 'out/report.html'],
      {
        cwd: dir,
      },
    );
    expect(cli.stderr).toBe('');
    expect(cli.exitCode).toBe(0);
    const file = join(dir, 'out', 'report.html');
    const html = await readFile(file, 'utf8');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);

    const { page, problems, requests } = await open(browser, file);
    expect(await page.evaluate(() => (globalThis as { pwned?: boolean }).pwned)).toBeUndefined();
    expect(await page.textContent('#gate')).toMatch(/Gate decision\s*(PROMOTE|HOLD|ROLLBACK)/);
    const flipped = await page.locator('#flipped-list li').allTextContents();
    expect(flipped.length).toBeGreaterThan(0);
    expect(flipped[0]).toMatch(/^▼ suite-\d \/ case-\d-\d+: passed → (failed|error)$/);
    // The first rows of the case list are the regressions.
    expect(await page.locator('#spacer .row').first().textContent()).toContain('regressed');

    const total = baseline.suites.length * 20;
    expect(await visibleCount(page)).toBe(total);
    await page.click('[data-status="failing"]');
    const failing = candidate.suites.flatMap((s) => s.cases).filter((c) => c.status !== 'passed').length;
    expect(await visibleCount(page)).toBe(failing);
    await page.click('[data-status="error"]');
    expect(await visibleCount(page)).toBe(
      candidate.suites.flatMap((s) => s.cases).filter((c) => c.status === 'error').length,
    );
    await page.click('[data-status="flipped"]');
    expect(await visibleCount(page)).toBe(flipped.length);
    await page.click('[data-status="all"]');
    await page.fill('#search', 'case-2-17');
    await page.waitForFunction(() => document.querySelector('#count')?.getAttribute('data-visible') === '1');
    await page.click('#spacer .row');
    const detail = await page.textContent('#detail');
    expect(detail).toContain('suite-2 / case-2-17');
    expect(detail).toContain('lookup_order');
    expect(detail).toContain('"orderId": "A-case-2-17"');
    expect(detail).toContain('</script><script>window.pwned = true</script>');
    expect(detail).toMatch(/Trajectory \(2 model calls\)/);
    expect(detail).toMatch(/judge 0\.\d\d/);

    await page.fill('#search', '');
    await page.click('[data-status="all"]');
    await page.waitForFunction(
      (n) => document.querySelector('#count')?.getAttribute('data-visible') === String(n),
      total,
    );
    await page.locator('#flipped-list button').first().click();
    await mkdir(artifacts, { recursive: true });
    const shot = join(artifacts, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    process.stdout.write(`HTML report screenshot: ${resolve(shot)}\n`);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('a 10,000-case report opens with a bounded number of rows and filters and searches without freezing', async () => {
    const report = makeReportFixture({ suites: 10, casesPerSuite: 1000, failRate: 0.1, errorRate: 0.01, seed: 3 });
    const file = join(dir, 'big.html');
    await writeFile(file, renderHtmlReport(report));
    const started = Date.now();
    const { page, problems } = await open(browser, file);
    const openMs = Date.now() - started;
    expect(await visibleCount(page)).toBe(10_000);
    const rows = await page.locator('#spacer .row').count();
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(60);

    const timings: Record<string, number> = { openMs };
    const failing = report.suites.flatMap((s) => s.cases).filter((c) => c.status !== 'passed').length;
    let t = Date.now();
    await page.click('[data-status="failing"]');
    await page.waitForFunction(
      (n) => document.querySelector('#count')?.getAttribute('data-visible') === String(n),
      failing,
    );
    timings.filterMs = Date.now() - t;
    t = Date.now();
    await page.fill('#search', 'case-7-123');
    await page.waitForFunction(() => Number(document.querySelector('#count')?.getAttribute('data-visible')) <= 1);
    timings.searchMs = Date.now() - t;
    await page.fill('#search', '');
    await page.click('[data-status="all"]');
    await page.waitForFunction(() => document.querySelector('#count')?.getAttribute('data-visible') === '10000');
    t = Date.now();
    await page.evaluate(() => {
      const viewport = document.getElementById('viewport');
      if (viewport) viewport.scrollTop = 150_000;
    });
    await page.waitForFunction(() => document.querySelector('#spacer .row[data-index]') !== null);
    timings.scrollMs = Date.now() - t;
    expect(await page.locator('#spacer .row').count()).toBeLessThan(60);
    // Not a speed target (that is the benchmark's job): a guard against a frozen page, loose for a loaded CI box.
    expect(timings.filterMs).toBeLessThan(10_000);
    expect(timings.searchMs).toBeLessThan(10_000);
    process.stdout.write(`10,000-case HTML report: ${JSON.stringify(timings)}\n`);
    expect(problems).toEqual([]);
  });
});
