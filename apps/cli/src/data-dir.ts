import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SqliteEventStore, type EventStore, type SqliteSynchronous } from '@ledger/event-store';
import { type CliIo } from './cli-io';

/** `--data-dir`, else DATA_DIR, else ./data: the same directory the API keeps `events.sqlite` in. */
export const resolveDataDir = (option: string | undefined, io: CliIo): string =>
  resolve(option ?? io.env.DATA_DIR ?? './data');

/** Opens the embedded store of a data directory, runs `work` and always closes the store. */
export async function withStore<T>(
  dataDir: string,
  work: (store: EventStore) => Promise<T>,
  synchronous: SqliteSynchronous = 'FULL',
): Promise<T> {
  mkdirSync(dataDir, { recursive: true });
  const store = SqliteEventStore.open({ file: join(dataDir, 'events.sqlite'), synchronous });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
