/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { LedgerClient } from '@ledger/client';
import { startLiveLedger, type LiveLedger } from '../../apps/api/testing/live-ledger';
import { establishStateProgram, type StateProgramLedger } from '../../apps/api/testing/state-program-facts';
import { findChromium } from './find-chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('the /dashboard page as served', () => {
  let ledger: LiveLedger;
  beforeAll(async () => {
    ledger = await startLiveLedger();
  });
  afterAll(async () => ledger.close());

  it('is public HTML with an accessible table behind every chart, and a policy that keeps scripts and requests on this origin', async () => {
    const res = await fetch(`${ledger.baseUrl}/dashboard`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const html = await res.text();
    const canvases = html.match(/<canvas id="[^"]+" role="img"/g) ?? [];
    expect(canvases).toHaveLength(7);
    expect((html.match(/<caption>/g) ?? []).length).toBeGreaterThanOrEqual(canvases.length);
    expect(html).toContain('aria-live="polite"');
    expect(html).not.toMatch(/<script>|on(click|load)=/);
  });

  it('serves chart.js from node_modules and the page scripts; nothing else', async () => {
    const chart = await fetch(`${ledger.baseUrl}/dashboard/assets/chart.umd.js`);
    expect(chart.status).toBe(200);
    expect(chart.headers.get('content-type')).toContain('javascript');
    expect(await chart.text()).toContain('Chart.js v4.');
    for (const asset of ['dashboard.js', 'sse-reader.js', 'dashboard.css'])
      expect((await fetch(`${ledger.baseUrl}/dashboard/assets/${asset}`)).status).toBe(200);
    const traversal = await fetch(`${ledger.baseUrl}/dashboard/assets/..%2Findex.html`);
    expect(traversal.status).toBe(404);
    expect(traversal.headers.get('content-type')).toContain('application/problem+json');
  });
});

// Decided at module load: without a Chromium there is no browser test, and the reason is printed.
const lookup = findChromium();
if (!lookup.found) {
  console.log(`dashboard browser test not registered: ${lookup.reason}`);
} else {
  const executablePath = lookup.executablePath;

  describe('the /dashboard page in headless Chromium', () => {
    let ledger: LiveLedger;
    let program: StateProgramLedger;
    let context: BrowserContext;
    let page: Page;
    let profile: string;
    const requested: string[] = [];

    beforeAll(async () => {
      ledger = await startLiveLedger();
      program = await establishStateProgram(
        new LedgerClient({ baseUrl: ledger.baseUrl, apiKey: ledger.keys.integration }),
        `web${Date.now().toString(36)}`,
        ['Jackson Public Schools', 'Biloxi Public Schools'],
      );
      profile = mkdtempSync(join(tmpdir(), 'ledger-chromium-'));
      context = await chromium.launchPersistentContext(profile, {
        executablePath,
        headless: true,
        args: CHROMIUM_ARGS,
      });
      page = context.pages()[0] ?? (await context.newPage());
      page.on('request', (request) => requested.push(request.url()));
    }, 60_000);

    afterAll(async () => {
      await context?.close();
      await ledger?.close();
      if (profile) rmSync(profile, { recursive: true, force: true });
    });

    const leaRow = (name: string): Promise<string[]> =>
      page.$$eval(
        '#table-lea tbody tr',
        (rows, wanted) =>
          rows.map((r) => [...r.children].map((c) => c.textContent ?? '')).find((cells) => cells[0] === wanted) ?? [],
        name,
      );

    it('shows a program picked by id after the key is entered, and updates chart and table live when an order is posted', async () => {
      await page.goto(`${ledger.baseUrl}/dashboard`);
      await page.fill('#api-key', ledger.keys.dashboard);
      await page.click('#key-form button[type=submit]');
      await page.fill('#program-id', program.programId);
      await page.click('#program-form button[type=submit]');

      await page.waitForFunction(
        () => document.querySelectorAll('#table-lea tbody th[scope=row]').length === 2,
        undefined,
        { timeout: 10_000 },
      );
      expect(await leaRow('Biloxi Public Schools')).toEqual([
        'Biloxi Public Schools',
        '0',
        '0',
        '0',
        '$1,000,000.00',
        '$0.00',
        '$0.00',
      ]);
      expect(await page.textContent('#program-name')).toContain(program.program);
      expect(new URL(page.url()).searchParams.get('program')).toBe(program.programId);
      await page.evaluate(() => ((window as unknown as { untouched: boolean }).untouched = true));

      await program.placeOrder(1, 25, 5);

      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('#table-lea tbody tr')].some(
            (r) => r.children[0]?.textContent === 'Biloxi Public Schools' && r.children[2]?.textContent === '25',
          ),
        undefined,
        { timeout: 10_000 },
      );
      expect(await leaRow('Biloxi Public Schools')).toEqual([
        'Biloxi Public Schools',
        '1',
        '25',
        '5',
        '$1,000,000.00',
        '$6,400.00',
        '$0.00',
      ]);
      const chart = await page.evaluate(() => {
        const Chart = (
          window as unknown as {
            Chart: {
              getChart(id: string): { data: { labels: string[]; datasets: { label: string; data: number[] }[] } };
            };
          }
        ).Chart;
        const lea = Chart.getChart('chart-lea').data;
        return {
          labels: lea.labels,
          devices: lea.datasets[0]!.data,
          hotspots: lea.datasets[1]!.data,
          funds: Chart.getChart('chart-funds').data.datasets[0]!.data,
        };
      });
      // Remaining is what the program's $200,000,000 of funds has left after the earned state shares committed
      // (issue 18: never allocations less commitments, which went negative for a program that allocates nothing).
      expect(chart).toEqual({
        labels: ['Jackson Public Schools', 'Biloxi Public Schools'],
        devices: [0, 25],
        hotspots: [0, 5],
        funds: [2_000_000, 6_400, 0, 200_000_000 - 6_400],
      });
      expect(await page.evaluate(() => (window as unknown as { untouched?: boolean }).untouched)).toBe(true);
      expect(await page.textContent('#status')).toContain('Live');
    }, 60_000);

    it('keeps the key in session storage and out of every URL it requested', async () => {
      expect(await page.evaluate(() => Object.values(sessionStorage))).toContain(ledger.keys.dashboard);
      const secret = ledger.keys.dashboard.split('_').at(-1)!;
      expect(requested.length).toBeGreaterThan(0);
      expect(requested.filter((url) => url.includes(secret))).toEqual([]);
      expect(requested.some((url) => url.includes(`/v1/live/programs/${program.programId}`))).toBe(true);
    });

    it('says so, without charts, when the key is refused', async () => {
      const other = await context.newPage();
      await other.goto(`${ledger.baseUrl}/dashboard?program=${program.programId}`);
      await other.fill('#api-key', ledger.keys.integration);
      await other.click('#key-form button[type=submit]');
      await other.waitForFunction(
        () => document.getElementById('status')?.textContent?.includes('refused'),
        undefined,
        { timeout: 10_000 },
      );
      expect(await other.getAttribute('#status', 'class')).toContain('error');
      await other.close();
    });
  });
}
