import {
  type AppendOptions,
  type EventStore,
  type EventToAppend,
  InMemoryEventStore,
  type Subscription,
} from '@ledger/event-store';
import { contractChecks } from './contract';

/** A store that ignores expectedRevision: the bug the contract exists to catch. */
class IgnoresExpectedRevision extends InMemoryEventStore {
  override append(stream: string, events: readonly EventToAppend[], _options?: AppendOptions) {
    return super.append(stream, events, { expectedRevision: 'any' });
  }
}

/** A store whose subscriptions skip every fifth event: a gap in the catch-up/live hand-over. */
class DropsEvents extends InMemoryEventStore {
  override subscribeToAll(options?: { fromPosition?: number }): Subscription {
    const inner = super.subscribeToAll(options);
    return {
      close: () => inner.close(),
      async *[Symbol.asyncIterator]() {
        for await (const event of inner) if (event.position % 5 !== 0) yield event;
      },
    };
  }
}

async function failures(make: () => EventStore): Promise<string[]> {
  const failed: string[] = [];
  for (const check of contractChecks) {
    const store = make();
    try {
      await check.run({ store, dispose: () => store.close() });
    } catch {
      failed.push(check.name);
    } finally {
      await store.close();
    }
  }
  return failed;
}

describe('the event store contract can fail', () => {
  it('passes a correct in-memory store', async () => {
    expect(await failures(() => new InMemoryEventStore())).toEqual([]);
  });

  it('fails a store that ignores expectedRevision, on every concurrency check', async () => {
    const failed = await failures(() => new IgnoresExpectedRevision());
    expect(failed).toEqual(
      expect.arrayContaining([
        "expectedRevision 'no_stream' succeeds only on a new stream",
        'an exact expectedRevision must equal the current revision',
        'concurrent appends with the same expected revision: exactly one wins',
        'property: any sequence of appends behaves like the reference model',
      ]),
    );
  });

  it('fails a store whose subscriptions have gaps', async () => {
    const failed = await failures(() => new DropsEvents());
    expect(failed).toContain(
      'a subscription catches up and goes live under concurrent writers with no gap and no duplicate',
    );
  }, 60_000);
});
