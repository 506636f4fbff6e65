import { InMemoryEventStore, type RecordedEvent } from '@ledger/event-store';
import { LiveFeed, type FeedListener } from './live-feed';
import { sseMessage } from './sse-wire';

interface Recorder extends FeedListener {
  positions: number[];
  encodings: string[];
  lostWith: string[];
}

const recorder = (prefix = '', stopAfter = Number.POSITIVE_INFINITY): Recorder => {
  const r: Recorder = {
    positions: [],
    encodings: [],
    lostWith: [],
    wants: (e: RecordedEvent) => e.stream.startsWith(prefix),
    deliver: (e: RecordedEvent, encoded: string) => {
      r.positions.push(e.position);
      r.encodings.push(encoded);
      return r.positions.length < stopAfter;
    },
    lost: (reason) => void r.lostWith.push(reason),
  };
  return r;
};

const settle = async (until: () => boolean): Promise<void> => {
  for (let i = 0; i < 500 && !until(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
};
const append = (store: InMemoryEventStore, stream: string) =>
  store.append(stream, [{ type: 'NeedEstimated', data: { area: stream } }]);

describe('LiveFeed (one store subscription shared by every live subscriber)', () => {
  let store: InMemoryEventStore;
  let feed: LiveFeed;
  beforeEach(() => {
    store = new InMemoryEventStore();
    feed = new LiveFeed(store);
  });
  afterEach(async () => {
    feed.beforeApplicationShutdown();
    await store.close();
  });

  it('gives every subscriber at the head each new event it wants, once, encoded once for all of them as the SSE message', async () => {
    await append(store, 'applicant-old');
    const head = await store.headPosition();
    const [all, orders] = [recorder(), recorder('order-')];
    await feed.join(head, all);
    await feed.join(head, orders);
    for (const stream of ['applicant-1', 'order-1', 'applicant-2']) await append(store, stream);
    await settle(() => all.positions.length === 3);

    expect(all.positions).toEqual([head + 1, head + 2, head + 3]);
    expect(orders.positions).toEqual([head + 2]);
    const [second] = await store.readStream('order-1');
    expect(orders.encodings[0]).toBe(all.encodings[1]);
    expect(orders.encodings[0]).toBe(sseMessage({ id: head + 2, event: 'recorded-event', data: second }));
  });

  it('hands a subscriber resuming from behind over to the shared subscription without gaps or repeats while appends go on', async () => {
    for (let i = 0; i < 40; i++) await append(store, `applicant-before-${i}`);
    const early = recorder();
    await feed.join(await store.headPosition(), early); // the shared subscription is live from here
    const writes = (async () => {
      for (let i = 0; i < 60; i++) {
        await append(store, `applicant-during-${i}`);
        if (i % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const resumed = recorder();
    await feed.join(10, resumed);
    await writes;
    const head = await store.headPosition();
    await settle(() => resumed.positions.at(-1) === head && early.positions.at(-1) === head);

    expect(resumed.positions).toEqual(Array.from({ length: head - 10 }, (_, i) => 11 + i));
    expect(early.positions).toEqual(Array.from({ length: 60 }, (_, i) => head - 59 + i));
    expect(feed.size).toBe(2);
  });

  it('stops delivering to a subscriber that left or refused a delivery', async () => {
    const head = await store.headPosition();
    const [leaving, refusing, staying] = [recorder(), recorder('', 1), recorder()];
    const leave = await feed.join(head, leaving);
    await feed.join(head, refusing);
    await feed.join(head, staying);
    await append(store, 'applicant-1');
    await settle(() => staying.positions.length === 1);
    leave();
    await append(store, 'applicant-2');
    await settle(() => staying.positions.length === 2);

    expect(leaving.positions).toEqual([head + 1]);
    expect(refusing.positions).toEqual([head + 1]);
    expect(staying.positions).toEqual([head + 1, head + 2]);
    expect(feed.size).toBe(1);
  });

  it('tells every subscriber when the store ends the subscription and lets go of them', async () => {
    const first = recorder();
    await feed.join(await store.headPosition(), first);
    await store.close();
    await settle(() => first.lostWith.length > 0);
    expect(first.lostWith).toEqual(['source-ended']);
    expect(feed.size).toBe(0);
  });
});
