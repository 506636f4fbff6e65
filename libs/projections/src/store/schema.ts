/** Bumped whenever the tables change shape; part of the catalog fingerprint, so a new format rebuilds. */
export const FORMAT = 'read-models/3';

export const SCHEMA = `
CREATE TABLE read_model_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- A rowid table, unlike the others: states run to tens of KiB (a program's allocations), and a
-- WITHOUT ROWID table keeps whole rows in its key b-tree, which pays for large rows on every rewrite
-- (rebuild of 1,000,000 events 15% slower).
CREATE TABLE stream_states (
  stream        TEXT PRIMARY KEY,
  prefix        TEXT NOT NULL,
  revision      INTEGER NOT NULL,
  last_position INTEGER NOT NULL,
  state         TEXT NOT NULL
);

CREATE TABLE links (
  to_stream      TEXT NOT NULL,
  from_stream    TEXT NOT NULL,
  from_prefix    TEXT NOT NULL,
  first_position INTEGER NOT NULL,
  PRIMARY KEY (to_stream, from_stream)
) WITHOUT ROWID;
CREATE INDEX links_by_target ON links (to_stream, from_prefix, first_position);

CREATE TABLE event_times (
  position    INTEGER PRIMARY KEY,
  recorded_at TEXT NOT NULL
);
CREATE INDEX event_times_by_instant ON event_times (recorded_at, position);

CREATE TABLE stopped_streams (
  stream     TEXT PRIMARY KEY,
  position   INTEGER NOT NULL,
  event_type TEXT NOT NULL,
  reason     TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE skipped_events (
  prefix         TEXT NOT NULL,
  event_type     TEXT NOT NULL,
  count          INTEGER NOT NULL,
  first_position INTEGER NOT NULL,
  PRIMARY KEY (prefix, event_type)
) WITHOUT ROWID;

CREATE TABLE checkpoints (
  projector           TEXT PRIMARY KEY,
  position            INTEGER NOT NULL,
  catalog_fingerprint TEXT NOT NULL
) WITHOUT ROWID;
`;

/**
 * Every table with its ordering key and its columns in table order, for content digests and
 * comparisons (read_model_meta only holds the format).
 */
export const CONTENT_TABLES = [
  { name: 'stream_states', orderBy: 'stream', columns: ['stream', 'prefix', 'revision', 'last_position', 'state'] },
  {
    name: 'links',
    orderBy: 'to_stream, from_stream',
    columns: ['to_stream', 'from_stream', 'from_prefix', 'first_position'],
  },
  { name: 'event_times', orderBy: 'position', columns: ['position', 'recorded_at'] },
  { name: 'stopped_streams', orderBy: 'stream', columns: ['stream', 'position', 'event_type', 'reason'] },
  {
    name: 'skipped_events',
    orderBy: 'prefix, event_type',
    columns: ['prefix', 'event_type', 'count', 'first_position'],
  },
  { name: 'checkpoints', orderBy: 'projector', columns: ['projector', 'position', 'catalog_fingerprint'] },
] as const;
