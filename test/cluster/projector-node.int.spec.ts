import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEsdbDouble, type EsdbDouble } from '@ledger/event-store/testing';
import { ReadModelStore, readModelsFile } from '@ledger/projections';
import { productionCatalog } from '@ledger/ledger';
import { startChildLedger, type ChildLedger } from '../reliability/support/child-ledger';
import { call } from '../reliability/support/http-call';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { lastPosition, postFacts } from '../support/recorded-facts';
import { programOrders } from './support/program-orders';
import { waitUntil } from './support/wait-until';

interface ProjectorHealth {
  status: string;
  checkpoint: number;
  headPosition: number;
  lag: number;
}

const facts = programOrders('projector-node');

/** The projector's part of /health (in `details` whether the node is up or not). */
const projectorHealth = async (node: ChildLedger): Promise<ProjectorHealth> =>
  (await call(node.baseUrl, 'GET', '/health')).body.details.projector as ProjectorHealth;

/**
 * What the projector logged when it opened its read models, before it subscribed: how it found them and the checkpoint
 * it starts from.
 */
const openedAt = (node: ChildLedger): { outcome: string; position: number } => {
  const line = /"msg":"read models (\w+) at position (\d+)"/.exec(node.output());
  if (!line) throw new Error(`the projector did not log how it opened its read models:\n${node.output()}`);
  return { outcome: line[1]!, position: Number(line[2]) };
};

// ROLE=projector as its own process (the built server) against the EventStoreDB double, fed by an API node.
describe('a projector node (ROLE=projector) beside an API node on one EventStoreDB', () => {
  const dirs: string[] = [];
  const children: ChildLedger[] = [];
  let esdb: EsdbDouble;
  let api: TestLedger;
  const env = (): Record<string, string> => ({
    ROLE: 'projector',
    EVENT_STORE: 'eventstoredb',
    EVENTSTORE_URL: esdb.url,
    LOG_LEVEL: 'info',
  });
  const dataDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-projector-node-'));
    dirs.push(dir);
    return dir;
  };
  const startProjector = async (dir: string): Promise<ChildLedger> => {
    const child = await startChildLedger(dir, env());
    children.push(child);
    return child;
  };
  const caughtUp = (node: ChildLedger, head: number): Promise<ProjectorHealth> =>
    waitUntil(
      `projector ${node.pid} at head ${head}`,
      () => projectorHealth(node),
      (h) => h.checkpoint >= head,
      20_000,
    );
  const storeHead = async (): Promise<number> => {
    const health = await api.request('GET', '/health');
    if (health.status !== 200) throw new Error(`the API node is not healthy: ${health.text}`);
    return health.body.info.store.headPosition as number;
  };

  beforeAll(async () => {
    esdb = await startEsdbDouble({ batchAppend: true });
    api = await startTestLedger({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: esdb.url, ROLE: 'api' });
  });
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill9()));
    await api?.close();
    await esdb?.close();
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('catches up with appends made through the API node; restarted, it resumes from its stored checkpoint; a second projector from 0; both reach the head with equal read models', async () => {
    const firstPhase = lastPosition(await postFacts(api, [...facts.setup(), ...[1, 2, 3].map(facts.order)]));

    const firstDir = dataDir();
    const first = await startProjector(firstDir);
    const head1 = await storeHead();
    expect(head1).toBeGreaterThanOrEqual(firstPhase);
    const before = await caughtUp(first, head1);
    expect(before).toMatchObject({ status: 'up', checkpoint: head1, headPosition: head1, lag: 0 });
    // Caught up, yet it serves no read API: read models are served by API nodes.
    expect(
      (
        await call(first.baseUrl, 'GET', `/v1/programs/${facts.program.slice('program-'.length)}/dashboard`, {
          key: api.keys.dashboard,
        })
      ).status,
    ).toBe(404);
    await first.stop();

    const secondPhase = lastPosition(await postFacts(api, [4, 5].map(facts.order)));
    const head2 = await storeHead();
    expect(head2).toBeGreaterThanOrEqual(secondPhase);
    expect(head2).toBeGreaterThan(head1);

    const freshDir = dataDir();
    const [resumed, fresh] = await Promise.all([startProjector(firstDir), startProjector(freshDir)]);
    // Logged when the read models are opened, before the projector subscribes: where each one starts reading $all.
    expect(openedAt(resumed)).toEqual({ outcome: 'resumed', position: head1 });
    expect(openedAt(fresh)).toEqual({ outcome: 'created', position: 0 });
    for (const node of [resumed, fresh])
      expect(await caughtUp(node, head2)).toMatchObject({
        status: 'up',
        checkpoint: head2,
        headPosition: head2,
        lag: 0,
      });
    await Promise.all([resumed.stop(), fresh.stop()]);

    // The resumed read models and the ones folded from 0 are the same, and hold every order.
    const catalog = productionCatalog();
    const dashboard = catalog.readModel('program-dashboard')!;
    const stores = [firstDir, freshDir].map((dir) =>
      ReadModelStore.open({ file: readModelsFile(dir), catalog: catalog.streams, upcasters: catalog.upcasters }),
    );
    try {
      expect(stores.map((s) => s.position)).toEqual([head2, head2]);
      expect(stores[0]!.contentDigest()).toBe(stores[1]!.contentDigest());
      const rendered = dashboard.render(facts.program, stores[0]!) as {
        orders: unknown[];
        byLea: { applicant: string; devices: number; hotspots: number }[];
      };
      expect(rendered.orders).toHaveLength(5);
      expect(rendered.byLea).toEqual([
        expect.objectContaining({ applicant: facts.applicant, devices: 150, hotspots: 15 }),
      ]);
    } finally {
      stores.forEach((s) => s.close());
    }
    expect(esdb.unexpected).toEqual([]);
  }, 60_000);
});
