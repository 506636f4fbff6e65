import { EventStoreDbEventStore, type RecordedEvent } from '@ledger/event-store';
import { startEsdbDouble, type EsdbDouble } from '@ledger/event-store/testing';
import { ReadModels } from '@ledger/projections';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { postFacts } from '../support/recorded-facts';
import { programOrders } from './support/program-orders';
import { waitUntil } from './support/wait-until';

const ORDERS = 36;
const facts = programOrders('dropped');
const dashboardUrl = `/v1/programs/${facts.program.slice('program-'.length)}/dashboard`;

interface Health {
  status: number;
  checkpoint?: number;
  headPosition?: number;
}

const health = async (node: TestLedger): Promise<Health> => {
  const res = await node.request('GET', '/health');
  return {
    status: res.status,
    checkpoint: res.body?.details?.projector?.checkpoint,
    headPosition: res.body?.details?.store?.headPosition,
  };
};
const caughtUp = (node: TestLedger, label: string): Promise<Health> =>
  waitUntil(
    `${label} caught up with the store`,
    () => health(node),
    (h) => h.status === 200 && h.checkpoint === h.headPosition,
    20_000,
  );

async function allEvents(url: string): Promise<RecordedEvent[]> {
  const reader = EventStoreDbEventStore.connect(url);
  try {
    const events: RecordedEvent[] = [];
    for await (const event of reader.readAll()) events.push(event);
    return events;
  } finally {
    await reader.close();
  }
}

// The node's projector and audit trail tail $all; the store drops those subscriptions (a lost cluster
// node) and restarts while orders keep arriving. Afterwards the node must hold exactly what a node that
// folded the whole log once, from 0, holds: nothing skipped, nothing folded twice.
describe('a node whose $all subscriptions the store drops while appends continue', () => {
  let esdb: EsdbDouble;
  let node: TestLedger;
  let fresh: TestLedger | undefined;
  beforeAll(async () => {
    esdb = await startEsdbDouble({ batchAppend: true });
    node = await startTestLedger({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: esdb.url });
  });
  afterAll(async () => {
    await Promise.all([node?.close(), fresh?.close()]);
    await esdb?.close();
  });

  it('re-subscribes after drops and a store restart; its read models and audit log equal a fresh rebuild and the log', async () => {
    await postFacts(node, facts.setup());
    const tailing = await waitUntil(
      'the node tails $all',
      () => esdb.liveSubscriptions(),
      (n) => n >= 2,
    );
    const resubscribed = () =>
      waitUntil(
        'the node re-subscribed',
        () => esdb.liveSubscriptions(),
        (n) => n === tailing,
        15_000,
      );

    // Each order is retried with its Idempotency-Key until the ledger answers: 503 while the store is down.
    let written = 0;
    let writerFailure: Error | undefined;
    const outcomes: number[] = [];
    const writer = (async () => {
      for (let n = 1; n <= ORDERS; n++) {
        const order = facts.order(n);
        for (let attempt = 0; ; attempt++) {
          const res = await node.request('POST', `/v1/streams/${order.stream}/events`, {
            key: node.keys.integration,
            body: { events: [{ type: order.type, data: order.data }] },
            headers: { 'idempotency-key': order.stream },
          });
          outcomes.push(res.status);
          // A 503 can cut off an append the store already took: the retry with its key still gets the 201.
          if (res.status === 201) break;
          if (res.status !== 503 || attempt > 200)
            throw new Error(`order ${n} was refused with ${res.status}: ${res.text}`);
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        written = n;
      }
    })().catch((error: Error) => {
      writerFailure = error;
      throw error;
    });
    const ordersWritten = (): number => {
      if (writerFailure) throw writerFailure;
      return written;
    };
    const disruptions = (async () => {
      await waitUntil('orders flowing', ordersWritten, (n) => n >= 6);
      expect(await esdb.dropSubscriptions()).toBe(tailing);
      await resubscribed();
      await waitUntil('orders flowing after the drop', ordersWritten, (n) => n >= 14);
      await esdb.restart({ downMs: 300 });
      await resubscribed();
      await waitUntil('orders flowing after the restart', ordersWritten, (n) => n >= 24);
      expect(await esdb.dropSubscriptions()).toBe(tailing);
    })();
    await Promise.all([writer, disruptions]);
    await resubscribed();
    expect(outcomes).toContain(503);

    // The log itself: every order exactly once.
    const log = await allEvents(esdb.url);
    const orders = log.filter((e) => e.type === 'OrderPlaced');
    expect(orders.map((e) => e.stream).sort()).toEqual(
      Array.from({ length: ORDERS }, (_, i) => facts.order(i + 1).stream).sort(),
    );

    const sum = (ORDERS * (ORDERS + 1)) / 2;
    const expected = { orders: ORDERS, devices: 10 * sum, hotspots: sum };
    await caughtUp(node, 'the disrupted node');
    const seen = await node.request('GET', dashboardUrl, { key: node.keys.dashboard });
    expect(seen.status).toBe(200);
    expect(seen.body.data.orders).toHaveLength(ORDERS);
    expect(seen.body.data.byLea).toEqual([expect.objectContaining({ applicant: facts.applicant, ...expected })]);

    // A node on a new data directory folds the same log once, from 0 (it issues its own keys first, so both catch up
    // again).
    fresh = await startTestLedger({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: esdb.url });
    const [a, b] = await Promise.all([caughtUp(node, 'the disrupted node'), caughtUp(fresh, 'the fresh node')]);
    expect(a.checkpoint).toBe(b.checkpoint);
    const [disrupted, rebuilt] = await Promise.all([
      node.request('GET', dashboardUrl, { key: node.keys.dashboard }),
      fresh.request('GET', dashboardUrl, { key: fresh.keys.dashboard }),
    ]);
    expect(rebuilt.status).toBe(200);
    expect(disrupted.body).toEqual(rebuilt.body);
    expect(node.app.get(ReadModels).current.contentDigest()).toBe(fresh.app.get(ReadModels).current.contentDigest());

    // The audit trail tails $all through the same drops: its Merkle tree holds every event once, as the fresh node's
    // does.
    const total = (await allEvents(esdb.url)).length;
    const tree = async (ledger: TestLedger) =>
      waitUntil(
        'the audit log holds every event',
        async () => (await ledger.request('GET', '/v1/audit/consistency?from=1', { key: ledger.keys.auditor })).body,
        (body) => body?.to === total,
        15_000,
      );
    const [disruptedTree, freshTree] = await Promise.all([tree(node), tree(fresh)]);
    expect(disruptedTree.rootTo).toBe(freshTree.rootTo);
    expect(esdb.unexpected).toEqual([]);
  }, 60_000);
});
