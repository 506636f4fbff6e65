import { type JsonObject, type RecordedEvent } from '../../port';

/**
 * A stored event row as the SQLite store keeps it (what `SqliteEventStore.rawPage` returns): data and
 * metadata are the exact JSON text written, so the audit's verification sees a changed byte instead of a
 * re-serialised object.
 */
export interface RawEventRow {
  position: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

export const toRecordedEvent = (row: RawEventRow): RecordedEvent => ({
  id: row.id,
  stream: row.stream,
  revision: row.revision,
  position: row.position,
  type: row.type,
  data: JSON.parse(row.data) as JsonObject,
  metadata: JSON.parse(row.metadata) as JsonObject,
  recordedAt: row.recorded_at,
});
