import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EventStoreDbEventStore, SqliteEventStore, type EventStore } from '@ledger/event-store';
import { type AppConfig } from '../config/app-config';

/** The embedded store by default; an EventStoreDB cluster when configured. */
export async function openEventStore(config: AppConfig): Promise<EventStore> {
  switch (config.EVENT_STORE) {
    case 'sqlite':
      mkdirSync(config.DATA_DIR, { recursive: true });
      return SqliteEventStore.open({
        file: join(config.DATA_DIR, 'events.sqlite'),
        synchronous: config.SQLITE_SYNCHRONOUS,
      });
    case 'eventstoredb':
      // open() reads once, so a wrong or unreachable cluster stops start-up; read models and the audit log stay in
      // DATA_DIR.
      mkdirSync(config.DATA_DIR, { recursive: true });
      return EventStoreDbEventStore.open(config.EVENTSTORE_URL ?? '');
    default: {
      const unknown: never = config.EVENT_STORE;
      throw new Error(`Unknown EVENT_STORE ${String(unknown)}`);
    }
  }
}
