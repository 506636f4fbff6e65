import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CONTENT_TABLES } from './schema';

const PIECE_CHARS = 1 << 20;

/**
 * SHA-256 over every table in key order: `table:<name>` and then each row as the JSON object of its
 * columns, one per line — the text `JSON.stringify` gives a row read with `SELECT *`. SQLite writes
 * each row's JSON itself (its json_object escapes strings as JSON.stringify does, and every column is
 * TEXT or INTEGER), so rows reach JavaScript as ready text and are hashed in pieces of about a MiB.
 */
export function contentDigest(db: Database.Database): string {
  const hash = createHash('sha256');
  for (const piece of contentPieces(db)) hash.update(piece);
  return hash.digest('hex');
}

/**
 * The same digest of the file as it is at the call, hashed a piece per event-loop turn: a store of a
 * million events takes seconds to hash, and the process keeps answering meanwhile. A read-only
 * connection of its own pins this moment's snapshot (write-ahead log) before the call returns, so
 * what the store's own connection commits afterwards is not in the digest. `signal` closes that
 * connection at once — a reader left open would keep the store's closing checkpoint waiting — and the
 * digest rejects.
 */
export async function contentDigestOfSnapshot(file: string, signal?: AbortSignal): Promise<string> {
  // Everything up to the first await runs at the call: the snapshot is pinned before it returns.
  signal?.throwIfAborted();
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.exec('BEGIN');
    // A deferred transaction takes its snapshot at its first read, not at BEGIN.
    db.prepare('SELECT 1 FROM sqlite_schema LIMIT 1').get();
  } catch (error) {
    db.close();
    throw error;
  }
  return hashInTurns(db, signal);
}

async function hashInTurns(db: Database.Database, signal: AbortSignal | undefined): Promise<string> {
  const pieces = contentPieces(db);
  // The generator holds a statement open, and a connection cannot close under one.
  const release = (): void => {
    pieces.return(undefined);
    if (db.open) db.close();
  };
  signal?.addEventListener('abort', release, { once: true });
  try {
    const hash = createHash('sha256');
    for (let piece = pieces.next(); piece.done !== true; piece = pieces.next()) {
      hash.update(piece.value);
      await nextTurn();
      signal?.throwIfAborted();
    }
    return hash.digest('hex');
  } finally {
    signal?.removeEventListener('abort', release);
    release();
  }
}

function* contentPieces(db: Database.Database): Generator<string> {
  for (const table of CONTENT_TABLES) {
    yield `table:${table.name}\n`;
    const row = `json_object(${table.columns.map((column) => `'${column}', ${column}`).join(', ')}) || char(10)`;
    const lines = db.prepare<[], string>(`SELECT ${row} FROM ${table.name} ORDER BY ${table.orderBy}`).pluck();
    let piece: string[] = [];
    let chars = 0;
    for (const line of lines.iterate()) {
      piece.push(line);
      chars += line.length;
      if (chars < PIECE_CHARS) continue;
      yield piece.join('');
      piece = [];
      chars = 0;
    }
    yield piece.join('');
  }
}
