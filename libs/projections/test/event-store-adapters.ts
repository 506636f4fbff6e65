import { join } from 'node:path';
import { type EventStore, InMemoryEventStore, SqliteEventStore } from '@ledger/event-store';

/** The engine's specs run against the embedded store and the in-memory one. */
export const adapters: Array<[string, (dir: string) => EventStore]> = [
  ['sqlite', (dir) => SqliteEventStore.open({ file: join(dir, 'ledger.sqlite'), pollIntervalMs: 50 })],
  ['memory', () => new InMemoryEventStore()],
];
