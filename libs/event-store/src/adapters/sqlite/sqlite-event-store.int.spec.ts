import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '@ledger/event-store/testing';
import { SqliteEventStore } from './sqlite-event-store';

eventStoreContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-sqlite-'));
  const file = join(dir, 'events.sqlite');
  const subject = {
    store: SqliteEventStore.open({ file }) as SqliteEventStore | import('@ledger/event-store').EventStore,
    reopen: async () => {
      await subject.store.close();
      return SqliteEventStore.open({ file });
    },
    dispose: async () => {
      await subject.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return subject;
});
