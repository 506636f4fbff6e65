import Database from 'better-sqlite3';

/** Every row of every read-model table, in key order, read through a separate connection. */
export function dumpTables(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      stream_states: db.prepare('SELECT * FROM stream_states ORDER BY stream').all(),
      links: db.prepare('SELECT * FROM links ORDER BY to_stream, from_stream').all(),
      event_times: db.prepare('SELECT * FROM event_times ORDER BY position').all(),
      stopped_streams: db.prepare('SELECT * FROM stopped_streams ORDER BY stream').all(),
      skipped_events: db.prepare('SELECT * FROM skipped_events ORDER BY prefix, event_type').all(),
      checkpoints: db.prepare('SELECT * FROM checkpoints ORDER BY projector').all(),
    };
  } finally {
    db.close();
  }
}
