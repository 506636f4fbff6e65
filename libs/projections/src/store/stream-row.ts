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
