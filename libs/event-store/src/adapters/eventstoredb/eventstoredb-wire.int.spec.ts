import { collect, take } from '@ledger/event-store/testing';
import { StoreUnavailable } from '../../errors';
import { type EventToAppend } from '../../port';
import { type EsdbDouble, startEsdbDouble } from '../../../testing/esdb-double/esdb-double';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

const ev = (type: string, n = 0): EventToAppend => ({ type, data: { n }, metadata: { schemaVersion: 1 } });
const STREAMS = '/event_store.client.streams.Streams';
const FEATURES = '/event_store.client.server_features.ServerFeatures/GetSupportedMethods';

describe('EventStoreDB adapter on the wire (gRPC double)', () => {
  let double: EsdbDouble;
  let store: EventStoreDbEventStore;

  const open = async (batchAppend: boolean) => {
    double = await startEsdbDouble({ batchAppend });
    store = EventStoreDbEventStore.connect(double.url);
  };
  afterEach(async () => {
    await store.close();
    await double.close();
    expect(double.unexpected).toEqual([]);
  });

  it('asks ServerFeatures once and appends through Append when the server does not answer it', async () => {
    await open(false);
    await store.append('frn-1', [ev('A')]);
    await store.append('frn-1', [ev('B'), ev('C')]);
    expect(double.calls.filter((c) => c === FEATURES)).toHaveLength(1);
    expect(double.calls.filter((c) => c === `${STREAMS}/Append`)).toHaveLength(2);
    expect(double.calls).not.toContain(`${STREAMS}/BatchAppend`);
  });

  it('appends through one reused BatchAppend call when the server advertises it', async () => {
    await open(true);
    await store.append('frn-1', [ev('A')]);
    await store.append('frn-2', [ev('B'), ev('C')]);
    expect(double.calls.filter((c) => c === FEATURES)).toHaveLength(1);
    expect(double.calls.filter((c) => c === `${STREAMS}/BatchAppend`)).toHaveLength(1);
    expect(double.calls).not.toContain(`${STREAMS}/Append`);
    expect((await store.readStream('frn-2')).map((e) => e.type)).toEqual(['B', 'C']);
  });

  it("hides EventStoreDB's own events from headPosition, readAll and subscriptions", async () => {
    await open(false);
    const { positions } = await store.append('program-1', [ev('ProgramEstablished')]);
    await double.writeSystemEvent('$statsCollection', '$stats-127.0.0.1:2113');
    await double.writeSystemEvent('$metadata', '$$program-1');
    expect(await store.headPosition()).toBe(positions[0]);
    const subscription = store.subscribeToAll();
    const live = take(subscription, 2);
    const { positions: later } = await store.append('program-1', [ev('ProgramFundsAllocated')]);
    expect((await live).map((e) => e.type)).toEqual(['ProgramEstablished', 'ProgramFundsAllocated']);
    await subscription.close();
    expect((await collect(store.readAll())).map((e) => e.type)).toEqual([
      'ProgramEstablished',
      'ProgramFundsAllocated',
    ]);
    await double.writeSystemEvent();
    expect(await store.headPosition()).toBe(later[0]);
  });

  it('reads $all across pages and from a stored position far behind the head', async () => {
    await open(true);
    const first = await store.append(
      'bulk-1',
      Array.from({ length: 700 }, (_, i) => ev('E', i)),
    );
    await store.append(
      'bulk-2',
      Array.from({ length: 600 }, (_, i) => ev('E', 700 + i)),
    );
    const all = await collect(store.readAll());
    expect(all.map((e) => e.data['n'])).toEqual(Array.from({ length: 1300 }, (_, i) => i));
    const fromOld = await collect(store.readAll({ fromPosition: first.positions[100]!, maxCount: 900 }));
    expect(fromOld.map((e) => e.data['n'])).toEqual(Array.from({ length: 900 }, (_, i) => 100 + i));
    const subscription = store.subscribeToAll({ fromPosition: first.positions[650]! });
    const rest = await take(subscription, 649);
    expect(rest[0]!.data['n']).toBe(651);
    expect(rest.at(-1)!.data['n']).toBe(1299);
    await subscription.close();
  });

  it('drops a closed subscription from the server’s live set', async () => {
    await open(false);
    await store.append('x-1', [ev('A')]);
    const subscription = store.subscribeToAll();
    await take(subscription, 1);
    await waitFor(() => double.liveSubscriptions() === 1);
    await subscription.close();
    await waitFor(() => double.liveSubscriptions() === 0);
  });

  it('reports a server that has gone away as StoreUnavailable', async () => {
    await open(false);
    await store.append('x-1', [ev('A')]);
    await double.close();
    await expect(store.append('x-1', [ev('B')])).rejects.toBeInstanceOf(StoreUnavailable);
    await expect(store.headPosition()).rejects.toBeInstanceOf(StoreUnavailable);
  });

  it('fails a live subscription with StoreUnavailable when the server drops it', async () => {
    await open(false);
    await store.append('x-1', [ev('A')]);
    const subscription = store.subscribeToAll();
    const iterator = subscription[Symbol.asyncIterator]();
    await iterator.next();
    await double.close();
    await expect(iterator.next()).rejects.toBeInstanceOf(StoreUnavailable);
  });

  it('open() checks the connection so start-up stops on an unreachable store', async () => {
    await open(false);
    const port = new URL(double.url.replace('esdb://', 'http://')).port;
    await double.close();
    await expect(EventStoreDbEventStore.open(`esdb://127.0.0.1:${port}?tls=false`)).rejects.toBeInstanceOf(
      StoreUnavailable,
    );
    await expect(EventStoreDbEventStore.open('not a connection string')).rejects.toBeInstanceOf(StoreUnavailable);
  });

  it('open() returns a working store when the server answers', async () => {
    await open(false);
    const opened = await EventStoreDbEventStore.open(double.url);
    await opened.append('x-1', [ev('A')]);
    expect(await store.streamRevision('x-1')).toBe(0);
    await opened.close();
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
