import { randomUUID } from 'node:crypto';
import { startEsdbDouble, type EsdbDouble } from '../testing/esdb-double/esdb-double';
import { take } from '../testing/helpers';
import { EventStoreDbEventStore } from './adapters/eventstoredb/eventstoredb-event-store';
import { DuplicateEventId, StoreUnavailable } from './errors';
import { type RecordedEvent } from './port';
import { resilientSubscribeToAll, type RetryNotice } from './resilient-subscription';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Appends one event at a time to a few streams, retrying an append the outage interrupted with the same
 * event id (a refused duplicate means the first try was stored), so `written` is exactly the log's order.
 */
class Appender {
  readonly written: string[] = [];
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly store: EventStoreDbEventStore) {}

  start(count: number, pauseMs: number): void {
    this.loop = (async () => {
      for (let i = 0; i < count && !this.stopped; i++) {
        const id = randomUUID();
        await this.appendOnce(`order-${i % 3}`, id, i);
        this.written.push(id);
        await sleep(pauseMs);
      }
    })();
  }

  async finish(): Promise<void> {
    await this.loop;
  }

  private async appendOnce(stream: string, id: string, n: number): Promise<void> {
    for (;;) {
      try {
        await this.store.append(stream, [{ id, type: 'OrderNoted', data: { n } }]);
        return;
      } catch (error) {
        if (error instanceof DuplicateEventId) return;
        if (!(error instanceof StoreUnavailable)) throw error;
        await sleep(50);
      }
    }
  }
}

const expectExactlyOnceInOrder = (seen: readonly RecordedEvent[], written: readonly string[]) => {
  expect(seen.map((e) => e.id)).toEqual(written);
  for (let i = 1; i < seen.length; i++) expect(seen[i]!.position).toBeGreaterThan(seen[i - 1]!.position);
};

describe('resilientSubscribeToAll on EventStoreDB (gRPC test double)', () => {
  let esdb: EsdbDouble;
  let writer: EventStoreDbEventStore;
  let reader: EventStoreDbEventStore;

  beforeEach(async () => {
    esdb = await startEsdbDouble({ batchAppend: true });
    // Separate clients, as on separate nodes: the reader's drops do not touch the writer's connection.
    writer = EventStoreDbEventStore.connect(esdb.url);
    reader = EventStoreDbEventStore.connect(esdb.url);
  });
  afterEach(async () => {
    await reader.close();
    await writer.close();
    await esdb.close();
    expect(esdb.unexpected).toEqual([]);
  });

  it('without it, a subscription the server drops fails with StoreUnavailable', async () => {
    await writer.append('order-0', [{ type: 'OrderNoted', data: { n: 0 } }]);
    const plain = reader.subscribeToAll();
    await take(plain, 1);
    await waitUntil(() => esdb.liveSubscriptions() === 1);
    const next = plain[Symbol.asyncIterator]().next();
    expect(await esdb.dropSubscriptions()).toBe(1);
    await expect(next).rejects.toBeInstanceOf(StoreUnavailable);
  });

  it('re-subscribes after the last delivered event when live subscriptions are dropped while appends continue: every event once, in order', async () => {
    const retries: RetryNotice[] = [];
    const appender = new Appender(writer);
    appender.start(10, 0);
    await appender.finish();
    const subscription = resilientSubscribeToAll(reader, {
      retry: { initialMs: 10, maxMs: 100 },
      onRetry: (notice) => retries.push(notice),
    });
    const seen = await take(subscription, 10);

    appender.start(120, 3);
    for (let drop = 0; drop < 4; drop++) {
      const positionBefore = seen.at(-1)!.position;
      // Pulling is what re-subscribes after a drop, so take first, then wait for the new call to go live.
      seen.push(...(await take(subscription, 5)));
      await waitUntil(() => esdb.liveSubscriptions() === 1);
      expect(await esdb.dropSubscriptions()).toBe(1);
      expect(seen.at(-1)!.position).toBeGreaterThan(positionBefore);
    }
    await appender.finish();
    seen.push(...(await take(subscription, 130 - seen.length)));
    await subscription.close();

    expectExactlyOnceInOrder(seen, appender.written);
    expect(retries.length).toBeGreaterThanOrEqual(4);
    // Each drop is retried from its first wait: a delivery between drops resets the backoff.
    expect(retries.every((r) => r.attempt === 1 && r.delayMs === 10)).toBe(true);
    expect(retries.every((r) => r.error instanceof StoreUnavailable)).toBe(true);
  }, 30_000);

  it('survives the node stopping and coming back on the same address while appends continue', async () => {
    const retries: RetryNotice[] = [];
    const subscription = resilientSubscribeToAll(reader, {
      retry: { initialMs: 20, maxMs: 200 },
      onRetry: (notice) => retries.push(notice),
    });
    const appender = new Appender(writer);
    appender.start(60, 5);
    // A consumer that keeps pulling, as the projector does, so the outage is met while it lasts.
    const consuming = take(subscription, 60, 30_000);
    await waitUntil(() => appender.written.length >= 15);
    await esdb.restart({ downMs: 400 });
    await waitUntil(() => appender.written.length >= 30, 20_000);
    await esdb.restart({ downMs: 100 });
    await appender.finish();
    const seen = await consuming;
    await subscription.close();

    expectExactlyOnceInOrder(seen, appender.written);
    expect(retries.length).toBeGreaterThanOrEqual(2);
    // The outage outlasted the first waits: they grew, then the first delivery after it reset them.
    expect(Math.max(...retries.map((r) => r.attempt))).toBeGreaterThan(1);
  }, 60_000);

  it('closed while waiting out a long backoff, it ends at once and retries no more', async () => {
    await writer.append('order-0', [{ type: 'OrderNoted', data: { n: 0 } }]);
    const retries: RetryNotice[] = [];
    const subscription = resilientSubscribeToAll(reader, {
      retry: { initialMs: 10_000, maxMs: 10_000 },
      onRetry: (notice) => retries.push(notice),
    });
    await take(subscription, 1);
    await waitUntil(() => esdb.liveSubscriptions() === 1);
    const pending = subscription[Symbol.asyncIterator]().next();
    await esdb.dropSubscriptions();
    await waitUntil(() => retries.length === 1);
    const started = Date.now();
    await subscription.close();
    await expect(pending).resolves.toEqual({ value: undefined, done: true });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(retries).toHaveLength(1);
  });

  it('gives up with the StoreUnavailable after maxAttempts consecutive failures', async () => {
    await writer.append('order-0', [{ type: 'OrderNoted', data: { n: 0 } }]);
    const retries: RetryNotice[] = [];
    const subscription = resilientSubscribeToAll(reader, {
      retry: { initialMs: 10, maxMs: 40, maxAttempts: 3 },
      onRetry: (notice) => retries.push(notice),
    });
    const [first] = await take(subscription, 1);
    await esdb.close(); // nothing comes back: every re-subscription fails
    await expect(subscription[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(StoreUnavailable);
    expect(retries.map((r) => [r.attempt, r.delayMs, r.fromPosition])).toEqual([
      [1, 10, first!.position],
      [2, 20, first!.position],
      [3, 40, first!.position],
    ]);
  }, 30_000);
});

async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}
