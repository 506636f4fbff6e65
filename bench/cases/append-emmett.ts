import { join } from 'node:path';
import { caseMain } from '../harness/case-process';
import { corpusBatches } from '../harness/corpus';
import { requirePeer } from '../harness/peer';
import { Stopwatch } from '../harness/timer';
import { throughput } from '../harness/throughput';
import { freshDir } from '../harness/workspace';
import { type EmmettAppendInput, type EmmettThroughput } from './inputs';

/** The slice of @event-driven-io/emmett-sqlite 0.42.4 the bench calls. */
interface SQLiteConnection {
  close(): void;
  querySingle<T>(sql: string): Promise<T | null>;
}
interface EmmettSqlite {
  sqliteConnection(options: { fileName: string }): SQLiteConnection;
  getSQLiteEventStore(options: { fileName: string; connectionOptions?: { singleton: true; connection: SQLiteConnection } }): {
    appendToStream(stream: string, events: { type: string; data: unknown; metadata?: unknown }[]): Promise<unknown>;
  };
}

/** The same batches appended through emmett-sqlite, one appendToStream per batch, awaited one at a time. */
caseMain<EmmettAppendInput, EmmettThroughput>(async ({ corpus, batchSize, connection }) => {
  const emmett = requirePeer('@event-driven-io/emmett-sqlite') as EmmettSqlite;
  const fileName = join(freshDir(`append-emmett-${connection}`), 'events.sqlite');
  const shared = emmett.sqliteConnection({ fileName });
  const store = emmett.getSQLiteEventStore(connection === 'reused' ? { fileName, connectionOptions: { singleton: true, connection: shared } } : { fileName });
  // Schema creation on first use is not part of appending.
  await store.appendToStream('warm-up', [{ type: 'WarmedUp', data: {} }]);
  const synchronous = (await shared.querySingle<{ synchronous: number }>('PRAGMA synchronous'))?.synchronous ?? -1;
  const watch = new Stopwatch();
  let events = 0;
  let stream = 0;
  for (const batch of corpusBatches(corpus, batchSize)) {
    stream += 1;
    const messages = batch.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata }));
    await watch.time(() => store.appendToStream(`bench-${stream}`, messages));
    events += batch.length;
  }
  shared.close();
  return { ...throughput(events, watch.seconds), synchronous };
});
