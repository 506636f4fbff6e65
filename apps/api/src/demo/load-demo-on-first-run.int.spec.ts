import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type EventStore } from '@ledger/event-store';
import { demoStreams, streamIdOf } from '@ledger/scenarios';
import {
  AppendService,
  DEMO_KEYS_FILE,
  DEMO_RUN,
  KeyRegistry,
  productionCatalog,
  ROLES,
  seedScenario,
  type DemoKeysFile,
} from '@ledger/ledger';
import { validateConfig } from '../config/validate-config';
import { createApp } from '../create-app';
import { EVENT_STORE } from '../ledger/tokens';
import { loadDemoOnFirstRun } from './load-demo-on-first-run';

jest.setTimeout(60_000);

let dataDir: string;
let app: NestFastifyApplication | undefined;

async function start(): Promise<{ app: NestFastifyApplication; config: ReturnType<typeof validateConfig> }> {
  const config = validateConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, DEMO: 'true', PORT: '3999' });
  app = await createApp({ config, catalog: productionCatalog() });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, config };
}

async function stop(): Promise<void> {
  await app?.close();
  app = undefined;
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'ledger-demo-'));
});
afterEach(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const printed = () => {
  const lines: string[] = [];
  return { print: (t: string) => lines.push(t), text: () => lines.join('') };
};

describe('loadDemoOnFirstRun', () => {
  it('seeds the demo on an empty store, issues a working key per role into a 0600 file and prints the dashboard and keys', async () => {
    const { app, config } = await start();
    const out = printed();
    const info = await loadDemoOnFirstRun(app, config, out.print);

    expect(info.loadedNow).toBe(true);
    expect(info.dashboardPath).toBe(`/dashboard?program=${streamIdOf(demoStreams(1).texasProgram)}`);
    const store = app.get<EventStore>(EVENT_STORE);
    expect(await store.streamRevision(demoStreams(1).cleanFundingRequest)).toBeGreaterThan(0);

    const file = join(dataDir, DEMO_KEYS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as DemoKeysFile;
    const registry = app.get(KeyRegistry);
    for (const role of ROLES) {
      expect(await registry.authenticate(saved.keys[role].key)).toEqual(
        expect.objectContaining({ role, keyId: saved.keys[role].keyId }),
      );
      expect(out.text()).toContain(saved.keys[role].key);
    }
    expect(out.text()).toContain(`http://127.0.0.1:3999/dashboard?program=demo-tx1-operation-connectivity`);

    // docs/walkthrough.md: the printed integration key posts a fact, the dashboard moves, the FRN explains itself.
    const dashboard = async (minPosition: number) => {
      const r = await app.inject({
        method: 'GET',
        url: `/v1/programs/demo-tx1-operation-connectivity/dashboard?minPosition=${minPosition}`,
        headers: { 'x-api-key': saved.keys.dashboard.key },
      });
      expect(r.statusCode).toBe(200);
      return (JSON.parse(r.body) as { data: { funds: { spent: number } } }).data.funds;
    };
    const before = await dashboard(1);
    const posted = await app.inject({
      method: 'POST',
      url: '/v1/streams/order-demo-tx1-lea-0002-hotspots/events',
      headers: {
        'x-api-key': saved.keys.integration.key,
        'content-type': 'application/json',
        'idempotency-key': 'walkthrough-1',
      },
      payload: JSON.stringify({
        events: [{ type: 'ReimbursementPaid', data: { claimId: 'claim-1', amount: 6_210_060, paidOn: '2021-01-15' } }],
      }),
    });
    expect(posted.statusCode).toBe(201);
    const after = await dashboard((JSON.parse(posted.body) as { positions: number[] }).positions[0]!);
    expect(after.spent - before.spent).toBe(6_210_060);
    const explained = await app.inject({
      method: 'GET',
      url: '/v1/funding-requests/demo-er1-00001/explain',
      headers: { 'x-api-key': saved.keys.auditor.key },
    });
    expect(explained.statusCode).toBe(200);
    expect((JSON.parse(explained.body) as { steps: { step: string }[] }).steps.map((s) => s.step)).toEqual(
      expect.arrayContaining([
        'usual-cost',
        'deduction:price-reduction',
        'deduction:bundle-discount',
        'deduction:free-item',
        'deduction:prompt-payment-discount',
        'eligible-cost',
        '30-percent-rule',
        'discount-rate',
      ]),
    );
  });

  it('on a later start loads nothing again and prints the same keys', async () => {
    const first = await start();
    const firstInfo = await loadDemoOnFirstRun(first.app, first.config, () => undefined);
    await stop();

    const second = await start();
    const head = await second.app.get<EventStore>(EVENT_STORE).headPosition();
    const out = printed();
    const info = await loadDemoOnFirstRun(second.app, second.config, out.print);
    expect(info).toEqual({ loadedNow: false, keys: firstInfo.keys, dashboardPath: firstInfo.dashboardPath });
    expect(await second.app.get<EventStore>(EVENT_STORE).headPosition()).toBe(head);
    expect(out.text()).toContain(firstInfo.keys!.admin.key);
  });

  it('completes a first start that stopped after seeding: nothing is recorded twice and the keys are issued', async () => {
    const { app, config } = await start();
    const seeded = await seedScenario(app.get(AppendService), 'demo', DEMO_RUN);
    const head = await app.get<EventStore>(EVENT_STORE).headPosition();
    const info = await loadDemoOnFirstRun(app, config, () => undefined);
    expect(info.loadedNow).toBe(true);
    // Only the four key issuances were added.
    expect(await app.get<EventStore>(EVENT_STORE).headPosition()).toBe(head + ROLES.length);
    expect(seeded.events).toBeGreaterThan(100);
  });

  it('leaves a store that already holds other data alone', async () => {
    const { app, config } = await start();
    await app.get(KeyRegistry).issue('admin', 'operator');
    const head = await app.get<EventStore>(EVENT_STORE).headPosition();
    const out = printed();
    const info = await loadDemoOnFirstRun(app, config, out.print);
    expect(info).toEqual({
      loadedNow: false,
      dashboardPath: `/dashboard?program=${streamIdOf(demoStreams(1).texasProgram)}`,
    });
    expect(await app.get<EventStore>(EVENT_STORE).headPosition()).toBe(head);
    expect(out.text()).toMatch(/already holds ledger data, so the demo was not loaded/);
  });
});
