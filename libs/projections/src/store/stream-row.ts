/** One stream's folded state as stored; `text` is the exact JSON written to the state column. */
export interface StreamRow {
  prefix: string;
  revision: number;
  lastPosition: number;
  text: string;
}

export interface StoredStreamRow {
  prefix: string;
  revision: number;
  last_position: number;
  state: string;
}

export const fromStored = (row: StoredStreamRow): StreamRow => ({
  prefix: row.prefix,
  revision: row.revision,
  lastPosition: row.last_position,
  text: row.state,
});

/** A stream whose fold stopped at a malformed stored event: its state stays as it was before that event. */
export interface StreamStop {
  stream: string;
  position: number;
  eventType: string;
  /** What is wrong with the event, field by field. */
  reason: string;
}

/** Events of a known stream kind whose type the catalog does not know: not folded, counted per type. */
export interface SkippedEvents {
  prefix: string;
  eventType: string;
  count: number;
  firstPosition: number;
}
