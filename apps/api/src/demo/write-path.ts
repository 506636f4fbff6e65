import { type EventStore } from '@ledger/event-store';
import { AppendService } from '../ingest/append.service';
import { IdempotencyRecords } from '../ingest/idempotency';
import { StreamStates } from '../ingest/stream-states';
import { type LedgerCatalog } from '../ledger/ledger-catalog';

/** The API's write path over a store, for callers outside the Nest app (the CLI's seed command). */
export const writePathFor = (store: EventStore, catalog: LedgerCatalog, maxEventsPerAppend = 1000): AppendService =>
  new AppendService(store, catalog, new StreamStates(store, catalog), new IdempotencyRecords(store), maxEventsPerAppend);
