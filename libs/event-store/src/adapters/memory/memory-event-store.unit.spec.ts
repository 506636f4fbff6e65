import { eventStoreContract } from '@ledger/event-store/testing';
import { InMemoryEventStore } from './memory-event-store';

eventStoreContract('memory', async () => {
  const store = new InMemoryEventStore();
  return { store, dispose: () => store.close() };
});
