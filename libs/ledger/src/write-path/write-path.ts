import { type EventStore } from '@ledger/event-store';
import { type LedgerCatalog } from '../catalog/ledger-catalog';
import { AppendService } from './append.service';
import { IdempotencyRecords } from './idempotency';
import { StreamStates } from './stream-states';

/** The write path over a store, for callers outside the Nest app (the CLI's seed and rules commands, the bench). */
export const writePathFor = (store: EventStore, catalog: LedgerCatalog, maxEventsPerAppend = 1000): AppendService =>
  new AppendService(
    store,
    catalog,
    new StreamStates(store, catalog),
    new IdempotencyRecords(store),
    maxEventsPerAppend,
  );
