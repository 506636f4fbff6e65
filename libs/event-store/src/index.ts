export * from './port';
export * from './errors';
export { MAX_STREAM_NAME } from './append-validation';
export {
  SqliteEventStore,
  type SqliteEventStoreOptions,
  type SqliteSynchronous,
} from './adapters/sqlite/sqlite-event-store';
export { type RawEventRow, toRecordedEvent } from './adapters/sqlite/row';
export { InMemoryEventStore } from './adapters/memory/memory-event-store';
export { toObservable } from './observable';
export { EventStoreDbEventStore } from './adapters/eventstoredb/eventstoredb-event-store';
export {
  resilientSubscribeToAll,
  TAILING_RETRY,
  type ResilientSubscribeOptions,
  type RetryPolicy,
  type RetryNotice,
} from './resilient-subscription';
