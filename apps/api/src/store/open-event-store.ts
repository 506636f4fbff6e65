import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '@ledger/event-store';
import { type AppConfig } from '../config/app-config';

/** The embedded store by default; an EventStoreDB cluster when configured. */
export async function openEventStore(config: AppConfig): Promise<EventStore> {
  switch (config.EVENT_STORE) {
    case 'sqlite':
      mkdirSync(config.DATA_DIR, { recursive: true });
      return SqliteEventStore.open({ file: join(config.DATA_DIR, 'events.sqlite'), synchronous: config.SQLITE_SYNCHRONOUS });
    case 'eventstoredb':
      throw new Error('EVENT_STORE=eventstoredb is not available in this build');
    default: {
      const unknown: never = config.EVENT_STORE;
      throw new Error(`Unknown EVENT_STORE ${String(unknown)}`);
    }
  }
}
