import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import { caseMain } from '../harness/case-process';
import { corpusBatches } from '../harness/corpus';
import { Stopwatch } from '../harness/timer';
import { throughput, type Throughput } from '../harness/throughput';
import { freshDir } from '../harness/workspace';
import { type BatchAppendInput } from './inputs';

/**
 * The physical limit of the embedded store: the same rows inserted into the same table (a file the
 * store itself created, so schema, indexes and triggers are identical), one transaction per batch,
 * WAL with synchronous=FULL, and nothing else — no revision check, no savepoints, no promise.
 */
caseMain<BatchAppendInput, Throughput>(async ({ corpus, batchSize }) => {
  const file = join(freshDir('append-raw-sqlite'), 'events.sqlite');
  await SqliteEventStore.open({ file, synchronous: 'FULL' }).close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const insert = db.prepare(
    'INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const watch = new Stopwatch();
  let events = 0;
  let stream = 0;
  for (const batch of corpusBatches(corpus, batchSize)) {
    stream += 1;
    const name = `bench-${stream}`;
    await watch.time(() =>
      db
        .transaction(() => {
          const recordedAt = new Date().toISOString();
          batch.forEach((e, revision) =>
            insert.run(e.id, name, revision, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), recordedAt),
          );
        })
        .immediate(),
    );
    events += batch.length;
  }
  db.close();
  return throughput(events, watch.seconds);
});
