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
  getSQLiteEventStore(options: {
    fileName: string;
    connectionOptions?: { singleton: true; connection: SQLiteConnection };
  }): {
    appendToStream(stream: string, events: { type: string; data: unknown; metadata?: unknown }[]): Promise<unknown>;
  };
}

const MAX_ATTEMPTS = 5;

/** The same batches appended through emmett-sqlite, one appendToStream per batch, awaited one at a time. */
caseMain<EmmettAppendInput, EmmettThroughput>(async ({ corpus, batchSize, connection }) => {
  const emmett = requirePeer('@event-driven-io/emmett-sqlite') as EmmettSqlite;
  const fileName = join(freshDir(`append-emmett-${connection}`), 'events.sqlite');
  // emmett opens each connection with a `PRAGMA journal_mode = WAL` it does not wait for; when that
  // statement meets a lock it fails on its own, with no callback, as an uncaught error. The file is
  // already in WAL mode by then (it persists), so the failure changes nothing: counted, not fatal.
  let unwaitedPragmaFailures = 0;
  process.on('uncaughtException', (error: Error & { code?: string }) => {
    if (error.code !== 'SQLITE_BUSY') throw error;
    unwaitedPragmaFailures += 1;
  });
  const shared = connection === 'reused' ? emmett.sqliteConnection({ fileName }) : undefined;
  const store = emmett.getSQLiteEventStore(
    shared ? { fileName, connectionOptions: { singleton: true, connection: shared } } : { fileName },
  );
  // Schema creation on first use is not part of appending.
  await store.appendToStream('warm-up', [{ type: 'WarmedUp', data: {} }]);
  const probe = shared ?? emmett.sqliteConnection({ fileName });
  const synchronous = (await probe.querySingle<{ synchronous: number }>('PRAGMA synchronous'))?.synchronous ?? -1;
  if (!shared) probe.close();
  const watch = new Stopwatch();
  let events = 0;
  let stream = 0;
  let busyRetries = 0;
  for (const batch of corpusBatches(corpus, batchSize)) {
    stream += 1;
    const messages = batch.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata }));
    // The same unawaited PRAGMA, still running on a fresh connection when emmett commits, makes the
    // COMMIT fail with SQLITE_BUSY; emmett rolls the batch back, so it is appended again. The failed
    // attempts are emmett's cost and stay in the timing; the row count below proves nothing doubled.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await watch.time(() => store.appendToStream(`bench-${stream}`, messages));
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt === MAX_ATTEMPTS) throw error;
        busyRetries += 1;
      }
    }
    events += batch.length;
  }
  const check = shared ?? emmett.sqliteConnection({ fileName });
  const stored = (await check.querySingle<{ n: number }>('SELECT count(*) AS n FROM emt_messages'))?.n ?? -1;
  check.close();
  // One more for the warm-up event.
  if (stored !== events + 1)
    throw new Error(`emmett stored ${stored} messages for ${events} appended events and 1 warm-up`);
  return { ...throughput(events, watch.seconds), synchronous, unwaitedPragmaFailures, busyRetries };
});
