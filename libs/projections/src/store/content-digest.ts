import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
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
  for (const table of CONTENT_TABLES) {
    hash.update(`table:${table.name}\n`);
    const row = `json_object(${table.columns.map((column) => `'${column}', ${column}`).join(', ')}) || char(10)`;
    const lines = db.prepare<[], string>(`SELECT ${row} FROM ${table.name} ORDER BY ${table.orderBy}`).pluck();
    let piece: string[] = [];
    let chars = 0;
    for (const line of lines.iterate()) {
      piece.push(line);
      chars += line.length;
      if (chars < PIECE_CHARS) continue;
      hash.update(piece.join(''));
      piece = [];
      chars = 0;
    }
    hash.update(piece.join(''));
  }
  return hash.digest('hex');
}
