import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { type PreparedEvent, prepareAppend } from '../../append-validation';
import { AppendSignal } from '../../append-signal';
import { DuplicateEventId, InvalidAppend, StoreClosed, StoreUnavailable, StreamNotFound } from '../../errors';
import { checkExpectedRevision } from '../../expected-revision';
import { PagedSubscription } from '../../paged-subscription';
import {
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../../port';
import { type RawEventRow, toRecordedEvent } from './row';
import { FORMAT, SCHEMA } from './schema';

export type SqliteSynchronous = 'FULL' | 'NORMAL';

export interface SqliteEventStoreOptions {
  /** Path of the database file; created with the schema when missing or empty. */
  file: string;
  /**
   * FULL (default) fsyncs the WAL on every commit, so an acknowledged append survives power loss.
   * NORMAL may lose the last commits on power loss (never on a process crash). better-sqlite3 builds
   * default WAL connections to NORMAL, so it is set explicitly on every connection.
   */
  synchronous?: SqliteSynchronous;
  /** Largest number of queued appends committed in one transaction. */
  maxAppendsPerCommit?: number;
  /** How often an idle subscription looks for appends made by another process. */
  pollIntervalMs?: number;
}

interface PendingAppend {
  stream: string;
  events: PreparedEvent[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

const PAGE = 1000;

/**
 * The embedded store. One writer connection with group commit: appends queued in the same turn of
 * the event loop share one transaction (one fsync), each inside its own savepoint, so every append
 * stays atomic and is checked against its expected revision in order.
 */
export class SqliteEventStore implements EventStore {
  private readonly writer: Database.Database;
  private readonly reader: Database.Database;
  private readonly signal: AppendSignal;
  private readonly maxAppendsPerCommit: number;
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly subscriptions = new Set<Subscription>();

  private readonly stmt: {
    revision: Database.Statement<[string], { revision: number | null }>;
    writerRevision: Database.Statement<[string], { revision: number | null }>;
    insert: Database.Statement<[string, string, number, string, string, string, string]>;
    head: Database.Statement<[], { head: number | null }>;
    readForwards: Database.Statement<[string, number, number], RawEventRow>;
    readBackwards: Database.Statement<[string, number, number], RawEventRow>;
    readAll: Database.Statement<[number, number], RawEventRow>;
    existingIds: Database.Statement<[string], { id: string }>;
  };

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    return new SqliteEventStore(options);
  }

  private constructor(options: SqliteEventStoreOptions) {
    this.maxAppendsPerCommit = options.maxAppendsPerCommit ?? 1000;
    this.signal = new AppendSignal(options.pollIntervalMs ?? 1000);
    this.writer = openWriter(options.file, options.synchronous ?? 'FULL');
    this.reader = new Database(options.file, { readonly: true, fileMustExist: true });
    this.reader.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.stmt = {
      revision: this.reader.prepare('SELECT max(revision) AS revision FROM events WHERE stream = ?'),
      writerRevision: this.writer.prepare('SELECT max(revision) AS revision FROM events WHERE stream = ?'),
      insert: this.writer.prepare(
        'INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      head: this.reader.prepare('SELECT max(position) AS head FROM events'),
      readForwards: this.reader.prepare(
        'SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC LIMIT ?',
      ),
      readBackwards: this.reader.prepare(
        'SELECT * FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?',
      ),
      readAll: this.reader.prepare('SELECT * FROM events WHERE position >= ? ORDER BY position ASC LIMIT ?'),
      existingIds: this.writer.prepare('SELECT id FROM events WHERE id IN (SELECT value FROM json_each(?))'),
    };
    this.signal.notify(this.headSync());
  }

  append(stream: string, events: readonly EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new StoreClosed());
    const expected = options.expectedRevision ?? 'any';
    let prepared: PreparedEvent[];
    try {
      prepared = prepareAppend(stream, events, expected);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ stream, events: prepared, expected, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxAppendsPerCommit);
      this.commit(batch);
    }
  }

  private commit(batch: PendingAppend[]): void {
    const recordedAt = new Date().toISOString();
    const outcomes: Array<{ ok: true; result: AppendResult } | { ok: false; error: unknown }> = [];
    const appendOne = this.writer.transaction((pending: PendingAppend): AppendResult => {
      const actual = this.writerRevision(pending.stream);
      checkExpectedRevision(pending.stream, pending.expected, actual);
      let revision = actual ?? -1;
      const positions: number[] = [];
      for (const event of pending.events) {
        revision += 1;
        const info = this.stmt.insert.run(
          event.id,
          pending.stream,
          revision,
          event.type,
          event.data,
          event.metadata,
          recordedAt,
        );
        positions.push(Number(info.lastInsertRowid));
      }
      return { nextExpectedRevision: revision, positions };
    });
    try {
      this.writer
        .transaction(() => {
          for (const pending of batch) {
            try {
              outcomes.push({ ok: true, result: appendOne(pending) });
            } catch (error) {
              outcomes.push({ ok: false, error: this.translate(error, pending) });
            }
          }
        })
        .immediate();
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing in the batch is acknowledged.
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) pending.resolve(outcome.result);
      else pending.reject(outcome.error);
    });
    this.signal.notify(this.headSync());
  }

  private writerRevision(stream: string): number | undefined {
    // Read on the writer connection: it sees the uncommitted appends earlier in the same batch.
    return this.stmt.writerRevision.get(stream)?.revision ?? undefined;
  }

  private translate(error: unknown, pending: PendingAppend): unknown {
    // By code, not instanceof: better-sqlite3 binds its error class to the native addon once per process,
    // so a second module registry (jest) sees SqliteErrors that are not instances of its own class.
    const sqlite = error as { code?: unknown; message?: unknown };
    if (
      sqlite.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
      typeof sqlite.message === 'string' &&
      sqlite.message.includes('events.id')
    ) {
      const ids = this.stmt.existingIds.all(JSON.stringify(pending.events.map((e) => e.id)));
      return new DuplicateEventId(ids[0]?.id ?? 'unknown');
    }
    return error;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const maxCount = normaliseMaxCount(options.maxCount);
    const rows =
      options.direction === 'backwards'
        ? this.stmt.readBackwards.all(stream, options.fromRevision ?? Number.MAX_SAFE_INTEGER, maxCount)
        : this.stmt.readForwards.all(stream, options.fromRevision ?? 0, maxCount);
    if (rows.length === 0 && (await this.streamRevision(stream)) === undefined) throw new StreamNotFound(stream);
    return rows.map(toRecordedEvent);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let from = options.fromPosition ?? 0;
    while (remaining > 0 && !this.closed) {
      const rows = this.stmt.readAll.all(from, Math.min(PAGE, remaining));
      for (const row of rows) yield toRecordedEvent(row);
      if (rows.length < PAGE) return;
      remaining -= rows.length;
      from = rows[rows.length - 1]!.position + 1;
    }
  }

  /** Rows after a position without JSON parsing: the audit chain hashes the stored text as-is. */
  rawPage(afterPosition: number, limit: number): RawEventRow[] {
    return this.stmt.readAll.all(afterPosition + 1, limit);
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const subscription = new PagedSubscription(
      (after, limit) => (this.closed ? [] : this.stmt.readAll.all(after + 1, limit).map(toRecordedEvent)),
      this.signal,
      options.fromPosition,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    this.assertOpen();
    return this.stmt.revision.get(stream)?.revision ?? undefined;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.headSync();
  }

  private headSync(): number {
    return this.stmt.head.get()?.head ?? 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.reader.close();
    this.writer.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosed();
  }
}

function normaliseMaxCount(maxCount: number | undefined): number {
  if (maxCount === undefined) return -1; // SQLite: no limit
  if (!Number.isSafeInteger(maxCount) || maxCount < 0)
    throw new InvalidAppend('maxCount must be a non-negative integer');
  return maxCount;
}

function openWriter(file: string, synchronous: SqliteSynchronous): Database.Database {
  const isNew = !existsSync(file) || statSync(file).size === 0;
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: !isNew });
  } catch (error) {
    throw new StoreUnavailable(`Cannot open event store ${file}: ${(error as Error).message}`, error);
  }
  try {
    if (!isNew) assertLedgerFile(db, file);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal')
      throw new StoreUnavailable(`Event store ${file} cannot use write-ahead logging (journal_mode=${String(mode)})`);
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma('busy_timeout = 5000');
    if (isNew) {
      db.exec(SCHEMA);
      db.prepare('INSERT OR IGNORE INTO ledger_meta (key, value) VALUES (?, ?)').run('format', FORMAT);
    }
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StoreUnavailable) throw error;
    throw new StoreUnavailable(`Event store ${file} is unreadable: ${(error as Error).message}`, error);
  }
}

/** Refuses, without writing a byte, any existing file that is not an event store of this format. */
function assertLedgerFile(db: Database.Database, file: string): void {
  let format: string | undefined;
  try {
    const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ledger_meta'").get();
    if (!hasMeta)
      throw new StoreUnavailable(`${file} is a SQLite database but not a ledger event store; refusing to use it`);
    format = (db.prepare("SELECT value FROM ledger_meta WHERE key = 'format'").get() as { value: string } | undefined)
      ?.value;
  } catch (error) {
    if (error instanceof StoreUnavailable) throw error;
    throw new StoreUnavailable(`${file} is not a readable ledger event store (${(error as Error).message})`, error);
  }
  if (format !== FORMAT)
    throw new StoreUnavailable(`${file} has event store format ${format ?? 'none'}, expected ${FORMAT}`);
}
