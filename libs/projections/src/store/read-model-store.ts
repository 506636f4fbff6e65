import Database from 'better-sqlite3';
import { closeSync, existsSync, fsync, fsyncSync, openSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { type FactsLookup, type StreamDefinition } from '@ledger/domain';
import { type RecordedEvent } from '@ledger/event-store';
import { type Catalog, catalogFingerprint } from '../catalog';
import { NotAReadModelStore, ProjectionIntegrityError } from '../errors';
import { toInstant } from '../instant';
import { type Upcast, type Upcaster, upcasterChain } from '../upcasting';
import { contentDigest } from './content-digest';
import { FORMAT, SCHEMA } from './schema';
import { BatchFold, type CommittedLookup, type FoldedRow, type PendingLink } from './batch-fold';
import { fromStored, type SkippedEvents, type StoredStreamRow, type StreamStop } from './stream-row';

export const READ_MODELS_FILE = 'read-models.sqlite';

/** The default read-model file inside a data directory, beside (never inside) the event store. */
export const readModelsFile = (dataDir: string): string => join(dataDir, READ_MODELS_FILE);

export interface ReadModelStoreOptions {
  /** SQLite file, created when missing; `:memory:` for a throw-away store (no rebuild swap). */
  file: string;
  catalog: Catalog;
  upcasters?: readonly Upcaster[];
  /** Whose checkpoint the store keeps. */
  projector?: string;
  /**
   * When committed batches reach the disk. `batch` (default): every commit survives a process crash
   * (write-ahead log, synchronous=NORMAL), so a restart resumes from the last one; a power loss may
   * drop the latest commits, never half of one, so the store is back at an earlier checkpoint and the
   * projector folds those events again — read models are derived data, and syncing each commit cost
   * appends a third disk flush. `close`: for a file filled beside the live one (a rebuild) that a crash
   * discards anyway — commits are not synced and close() syncs the whole file once, before it can be
   * swapped in.
   */
  durability?: Durability;
}

export type Durability = 'batch' | 'close';

/**
 * How the store was found on open. `reset` = stored states were folded by another catalog or format and were dropped.
 */
export type OpenOutcome = 'created' | 'resumed' | 'reset';

/** The effect of one committed batch, for change notifications. */
export interface AppliedBatch {
  /** The checkpoint after the batch. */
  position: number;
  /** Streams whose state changed, in order of first change. */
  streams: string[];
  /** Streams that gained an incoming link (their `linkedFrom` answer changed). */
  linkedTo: string[];
  /**
   * Events folded or skipped (outside the catalog) by this batch; duplicates at or before the checkpoint are not
   * counted.
   */
  events: number;
  /** Streams this batch stopped at a malformed stored event. */
  stopped: StreamStop[];
  /** Events of unknown types this batch skipped. */
  skipped: number;
}

/** What one batch writes, in one transaction. */
interface BatchWrite {
  rows: readonly FoldedRow[];
  links: readonly PendingLink[];
  stops: readonly StreamStop[];
  skipped: readonly SkippedEvents[];
  times: ReadonlyArray<readonly [number, string]>;
  /** The checkpoint after the batch. */
  position: number;
}

const DEFAULT_PROJECTOR = 'streams';
const fsyncOnThread = promisify(fsync);
const CACHE_KIB = 16 * 1024;

/**
 * Folded stream states, the reverse link index and event times, with the checkpoint of the events
 * folded into them, in one SQLite file. Read models are not stored: they are pure functions over this
 * store as a FactsLookup. Every batch — states, links, times and checkpoint — commits in one
 * transaction, so a crash anywhere leaves the store at a batch boundary and the projector resumes
 * from the stored checkpoint without folding any event twice.
 */
export class ReadModelStore implements FactsLookup {
  readonly file: string;
  readonly catalog: Catalog;
  readonly upcasters: readonly Upcaster[];
  readonly projector: string;
  readonly fingerprint: string;
  readonly opened: OpenOutcome;
  readonly durability: Durability;
  private readonly db: Database.Database;
  private readonly definitions: ReadonlyMap<string, StreamDefinition>;
  private readonly upcast: Upcast;
  private checkpointValue: number;
  private isClosed = false;
  private syncDescriptor: number | undefined;
  private readonly stmt: ReturnType<typeof prepare>;
  /** Each definition's initial state as JSON, parsed into a fresh copy for every new stream. */
  private readonly initialTexts: ReadonlyMap<string, string>;
  private readonly committed: CommittedLookup;
  private readonly writeBatch: (write: BatchWrite) => void;

  static open(options: ReadModelStoreOptions): ReadModelStore {
    return new ReadModelStore(options);
  }

  private constructor(options: ReadModelStoreOptions) {
    this.file = options.file;
    this.catalog = options.catalog;
    this.upcasters = options.upcasters ?? [];
    this.projector = options.projector ?? DEFAULT_PROJECTOR;
    this.upcast = upcasterChain(this.upcasters);
    this.fingerprint = catalogFingerprint(this.catalog, this.upcasters, FORMAT);
    this.definitions = new Map(this.catalog.map((d) => [d.prefix, d]));
    this.initialTexts = initialTextsOf(this.catalog);
    this.durability = options.durability ?? 'batch';
    const { db, created } = openDatabase(options.file, this.durability);
    this.db = db;
    try {
      this.stmt = prepare(db);
      const stmt = this.stmt;
      this.committed = {
        row: (stream) => {
          const row = stmt.state.get(stream);
          return row ? fromStored(row) : undefined;
        },
        hasLink: (to, from) => stmt.hasLink.get(to, from) !== undefined,
        isStopped: (stream) => stmt.stopped.get(stream) !== undefined,
      };
      this.writeBatch = db.transaction(({ rows, links, stops, skipped, times, position }: BatchWrite) => {
        for (const row of rows) {
          if (!row.created) stmt.upsertState.run(row.stream, row.prefix, row.revision, row.lastPosition, row.text);
          else if (
            stmt.insertState.run(row.stream, row.prefix, row.revision, row.lastPosition, row.text).changes !== 1
          ) {
            throw new ProjectionIntegrityError(
              `Stream ${row.stream}: the batch holds its first event (revision 0) but the store already holds the stream; refusing to fold out of order`,
            );
          }
        }
        for (const link of links) stmt.insertLink.run(link.to, link.from, link.fromPrefix, link.position);
        for (const stop of stops) stmt.insertStop.run(stop.stream, stop.position, stop.eventType, stop.reason);
        for (const s of skipped) stmt.addSkipped.run(s.prefix, s.eventType, s.count, s.firstPosition);
        for (const [eventPosition, recordedAt] of times) stmt.insertTime.run(eventPosition, recordedAt);
        const updated = stmt.updateCheckpoint.run(position, this.projector, this.fingerprint);
        if (updated.changes !== 1)
          throw new ProjectionIntegrityError(`Checkpoint of ${this.projector} is missing from ${this.file}`);
      });
      const stored = this.stmt.checkpoint.get(this.projector);
      if (stored && stored.catalog_fingerprint === this.fingerprint) {
        this.opened = 'resumed';
        this.checkpointValue = stored.position;
      } else {
        this.opened = created || !stored ? 'created' : 'reset';
        this.startOver();
        this.checkpointValue = 0;
      }
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** The position of the last event folded: every state reflects exactly the events up to it. */
  get position(): number {
    return this.checkpointValue;
  }

  get checkpoint(): number {
    return this.checkpointValue;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  state<S>(stream: string): S | undefined {
    this.assertOpen();
    const row = this.stmt.state.get(stream);
    return row ? (JSON.parse(row.state) as S) : undefined;
  }

  linkedFrom(stream: string, prefix: string): string[] {
    this.assertOpen();
    return this.stmt.linkedFrom.all(stream, prefix).map((r) => r.from_stream);
  }

  /** Why a stream stopped folding (a malformed stored event), or undefined while it folds. */
  stopped(stream: string): StreamStop | undefined {
    this.assertOpen();
    const row = this.stmt.stopped.get(stream);
    return row ? { stream, position: row.position, eventType: row.event_type, reason: row.reason } : undefined;
  }

  /** How many streams stopped at a malformed event, and the first few in position order. */
  stoppedStreams(limit = 10): { count: number; first: StreamStop[] } {
    this.assertOpen();
    const first = this.stmt.firstStopped
      .all(limit)
      .map((row) => ({ stream: row.stream, position: row.position, eventType: row.event_type, reason: row.reason }));
    return { count: this.stmt.countStopped.get()?.count ?? 0, first };
  }

  /** Events of unknown types skipped so far, per stream kind and type. */
  skippedEvents(): SkippedEvents[] {
    this.assertOpen();
    return this.stmt.skipped.all().map((row) => ({
      prefix: row.prefix,
      eventType: row.event_type,
      count: row.count,
      firstPosition: row.first_position,
    }));
  }

  /** Revision and position of a stream's last folded event, or undefined when it has none. */
  streamInfo(stream: string): { revision: number; lastPosition: number } | undefined {
    this.assertOpen();
    const row = this.stmt.state.get(stream);
    return row ? { revision: row.revision, lastPosition: row.last_position } : undefined;
  }

  /** The last position recorded at or before an ISO instant (0 when nothing was), among the events folded so far. */
  positionAt(instant: string): number {
    this.assertOpen();
    return this.stmt.positionAt.get(toInstant(instant))?.position ?? 0;
  }

  /**
   * Folds events (in position order) and commits the new states, links, event times and checkpoint in
   * one transaction. Events at or before the checkpoint were folded already and are skipped, so
   * at-least-once delivery still has an exactly-once effect. Throws before writing anything when a
   * fold fails or the feed is inconsistent.
   */
  applyBatch(events: readonly RecordedEvent[]): AppliedBatch {
    const batch = this.beginBatch();
    for (const event of events) batch.add(event);
    return this.commitBatch(batch);
  }

  /**
   * A batch to fold events into one at a time (add throws as applyBatch does); commitBatch writes it.
   * Until then the store is unchanged, so readers may be served while a long batch is being folded.
   */
  beginBatch(): BatchFold {
    this.assertOpen();
    return new BatchFold(this.definitions, this.initialTexts, this.upcast, this.committed, this.checkpointValue);
  }

  /** Writes a batch begun on this store at its current checkpoint, in one transaction. */
  commitBatch(batch: BatchFold): AppliedBatch {
    this.assertOpen();
    if (batch.checkpoint !== this.checkpointValue) {
      throw new ProjectionIntegrityError(
        `A batch begun at position ${batch.checkpoint} cannot be written on top of position ${this.checkpointValue}`,
      );
    }
    if (batch.events === 0)
      return { position: this.checkpointValue, streams: [], linkedTo: [], events: 0, stopped: [], skipped: 0 };
    const rows = batch.rows();
    const skipped = batch.skipped;
    this.writeBatch({
      rows,
      links: batch.links,
      stops: batch.stops,
      skipped,
      times: batch.times,
      position: batch.position,
    });
    this.checkpointValue = batch.position;
    return {
      position: batch.position,
      streams: batch.streams,
      linkedTo: [...new Set(batch.links.map((l) => l.to))],
      events: batch.events,
      stopped: batch.stops,
      skipped: skipped.reduce((n, s) => n + s.count, 0),
    };
  }

  /** SHA-256 over every table in key order: two stores folded from the same events have the same digest. */
  contentDigest(): string {
    this.assertOpen();
    return contentDigest(this.db);
  }

  /**
   * Syncs what the file holds so far on a thread of its own, the event loop free meanwhile: a `close`
   * store's commits are not synced, and close() — which must be synchronous — then has only the rest.
   */
  async syncSoFar(): Promise<void> {
    this.assertOpen();
    if (this.file === ':memory:') return;
    await fsyncOnThread(this.descriptor());
  }

  /** Flushes the write-ahead log into the file and closes; the file is then complete on its own. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    if (this.file === ':memory:') {
      this.db.close();
      return;
    }
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
    if (this.durability === 'close') fsyncSync(this.descriptor());
    if (this.syncDescriptor !== undefined) closeSync(this.syncDescriptor);
  }

  /**
   * Closing any descriptor of a file drops every POSIX lock the process holds on it, SQLite's too: the
   * one the store syncs through is opened once and closed only after SQLite has closed its own.
   */
  private descriptor(): number {
    this.syncDescriptor ??= openSync(this.file, 'r+');
    return this.syncDescriptor;
  }

  private startOver(): void {
    this.db.transaction(() => {
      this.db.exec(
        'DELETE FROM stream_states; DELETE FROM links; DELETE FROM event_times; DELETE FROM stopped_streams; DELETE FROM skipped_events; DELETE FROM checkpoints;',
      );
      this.stmt.insertCheckpoint.run(this.projector, 0, this.fingerprint);
    })();
  }

  private assertOpen(): void {
    if (this.isClosed) throw new ProjectionIntegrityError(`Read-model store ${this.file} is closed`);
  }
}

/** Initial states that are not JSON are left out: folding a first event of that stream then fails with the reason. */
function initialTextsOf(catalog: Catalog): Map<string, string> {
  const texts = new Map<string, string>();
  for (const definition of catalog) {
    const text = JSON.stringify(definition.decider.initialState) as string | undefined;
    if (text !== undefined) texts.set(definition.prefix, text);
  }
  return texts;
}

function prepare(db: Database.Database) {
  return {
    state: db.prepare<[string], StoredStreamRow>(
      'SELECT prefix, revision, last_position, state FROM stream_states WHERE stream = ?',
    ),
    linkedFrom: db.prepare<[string, string], { from_stream: string }>(
      'SELECT from_stream FROM links WHERE to_stream = ? AND from_prefix = ? ORDER BY first_position, from_stream',
    ),
    hasLink: db.prepare<[string, string], { one: number }>(
      'SELECT 1 AS one FROM links WHERE to_stream = ? AND from_stream = ?',
    ),
    positionAt: db.prepare<[string], { position: number }>(
      'SELECT position FROM event_times WHERE recorded_at <= ? ORDER BY recorded_at DESC, position DESC LIMIT 1',
    ),
    upsertState: db.prepare<[string, string, number, number, string]>(
      `INSERT INTO stream_states (stream, prefix, revision, last_position, state) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision, last_position = excluded.last_position, state = excluded.state`,
    ),
    insertState: db.prepare<[string, string, number, number, string]>(
      'INSERT INTO stream_states (stream, prefix, revision, last_position, state) VALUES (?, ?, ?, ?, ?) ON CONFLICT (stream) DO NOTHING',
    ),
    insertLink: db.prepare<[string, string, string, number]>(
      'INSERT INTO links (to_stream, from_stream, from_prefix, first_position) VALUES (?, ?, ?, ?)',
    ),
    insertTime: db.prepare<[number, string]>('INSERT INTO event_times (position, recorded_at) VALUES (?, ?)'),
    stopped: db.prepare<[string], { position: number; event_type: string; reason: string }>(
      'SELECT position, event_type, reason FROM stopped_streams WHERE stream = ?',
    ),
    firstStopped: db.prepare<[number], { stream: string; position: number; event_type: string; reason: string }>(
      'SELECT stream, position, event_type, reason FROM stopped_streams ORDER BY position LIMIT ?',
    ),
    countStopped: db.prepare<[], { count: number }>('SELECT count(*) AS count FROM stopped_streams'),
    insertStop: db.prepare<[string, number, string, string]>(
      'INSERT INTO stopped_streams (stream, position, event_type, reason) VALUES (?, ?, ?, ?)',
    ),
    skipped: db.prepare<[], { prefix: string; event_type: string; count: number; first_position: number }>(
      'SELECT prefix, event_type, count, first_position FROM skipped_events ORDER BY prefix, event_type',
    ),
    addSkipped: db.prepare<[string, string, number, number]>(
      `INSERT INTO skipped_events (prefix, event_type, count, first_position) VALUES (?, ?, ?, ?)
       ON CONFLICT (prefix, event_type) DO UPDATE SET count = count + excluded.count`,
    ),
    checkpoint: db.prepare<[string], { position: number; catalog_fingerprint: string }>(
      'SELECT position, catalog_fingerprint FROM checkpoints WHERE projector = ?',
    ),
    insertCheckpoint: db.prepare<[string, number, string]>(
      'INSERT INTO checkpoints (projector, position, catalog_fingerprint) VALUES (?, ?, ?)',
    ),
    updateCheckpoint: db.prepare<[number, string, string]>(
      'UPDATE checkpoints SET position = ? WHERE projector = ? AND catalog_fingerprint = ?',
    ),
  };
}

/**
 * Opens (or creates) the file with WAL, synchronous=NORMAL (OFF for durability `close`) and a 16 MiB page
 * cache; a file of another format of ours is recreated empty.
 */
function openDatabase(file: string, durability: Durability): { db: Database.Database; created: boolean } {
  const inMemory = file === ':memory:';
  const isNew = inMemory || !existsSync(file) || statSync(file).size === 0;
  const db = new Database(file);
  try {
    if (!inMemory) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal')
        throw new NotAReadModelStore(file, `cannot use write-ahead logging (journal_mode=${String(mode)})`);
    }
    db.pragma(durability === 'batch' ? 'synchronous = NORMAL' : 'synchronous = OFF');
    // A batch reads and rewrites pages all over the states and links; a larger cache keeps them in memory.
    db.pragma(`cache_size = -${CACHE_KIB}`);
    db.pragma('busy_timeout = 5000');
    if (isNew) {
      createSchema(db);
      return { db, created: true };
    }
    const format = readFormat(db, file);
    if (format === FORMAT) return { db, created: false };
    // An older layout of our own disposable file: the events are the truth, so start it over.
    db.transaction(() => {
      const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
      for (const { name } of tables) db.exec(`DROP TABLE "${name.replaceAll('"', '""')}"`);
      createSchema(db);
    })();
    return { db, created: true };
  } catch (error) {
    db.close();
    throw error;
  }
}

function createSchema(db: Database.Database): void {
  db.exec(SCHEMA);
  db.prepare('INSERT INTO read_model_meta (key, value) VALUES (?, ?)').run('format', FORMAT);
}

function readFormat(db: Database.Database, file: string): string {
  let row: { value: string } | undefined;
  try {
    const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'read_model_meta'").get();
    if (!hasMeta) throw new NotAReadModelStore(file, 'it has no read_model_meta table');
    row = db.prepare<[], { value: string }>("SELECT value FROM read_model_meta WHERE key = 'format'").get();
  } catch (error) {
    if (error instanceof NotAReadModelStore) throw error;
    throw new NotAReadModelStore(file, (error as Error).message);
  }
  if (!row) throw new NotAReadModelStore(file, 'it records no format');
  return row.value;
}
