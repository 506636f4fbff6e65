import { eventStoreContract } from '@ledger/event-store/testing';
import { startEsdbDouble } from '../../../testing/esdb-double/esdb-double';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

for (const batchAppend of [false, true]) {
  const path = batchAppend ? 'BatchAppend' : 'Append';
  eventStoreContract(`eventstoredb (gRPC double, ${path} path)`, async () => {
    const double = await startEsdbDouble({ batchAppend });
    const subject = {
      store: EventStoreDbEventStore.connect(double.url) as import('@ledger/event-store').EventStore,
      reopen: async () => {
        await subject.store.close();
        subject.store = EventStoreDbEventStore.connect(double.url);
        return subject.store;
      },
      dispose: async () => {
        await subject.store.close();
        await double.close();
        expect(double.unexpected).toEqual([]);
        expect(double.calls).not.toContain(
          `/event_store.client.streams.Streams/${batchAppend ? 'Append' : 'BatchAppend'}`,
        );
      },
    };
    return subject;
  });
}

const realServer = process.env['EVENTSTORE_URL'];
if (realServer) {
  eventStoreContract(`eventstoredb (real server at ${realServer})`, async () => {
    const subject = {
      store: EventStoreDbEventStore.connect(realServer) as import('@ledger/event-store').EventStore,
      reopen: async () => {
        await subject.store.close();
        subject.store = EventStoreDbEventStore.connect(realServer);
        return subject.store;
      },
      dispose: () => subject.store.close(),
    };
    return subject;
  });
} else {
  console.log(
    'eventstoredb contract against a real server: not registered, EVENTSTORE_URL is not set (e.g. esdb://localhost:2113?tls=false)',
  );
}
