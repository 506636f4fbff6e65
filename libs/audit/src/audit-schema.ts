/**
 * On-disk format of the audit log, a SQLite file of its own so the event store never shares a write
 * lock with it. `leaves` maps tree index <-> event position (positions may be sparse); `nodes` holds
 * every complete subtree hash of level >= 1 ((level, index) covers leaves [index*2^level,
 * (index+1)*2^level)), so roots and proofs cost O(log n) reads. Triggers keep it append-only.
 */
export const AUDIT_FORMAT = 'procurement-ledger/audit/1';

export const AUDIT_SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS leaves (
  idx        INTEGER PRIMARY KEY,
  position   INTEGER NOT NULL UNIQUE,
  stream     TEXT    NOT NULL,
  revision   INTEGER NOT NULL,
  leaf_hash  BLOB    NOT NULL,
  chain_hash BLOB    NOT NULL
);
CREATE TABLE IF NOT EXISTS nodes (
  level INTEGER NOT NULL,
  idx   INTEGER NOT NULL,
  hash  BLOB    NOT NULL,
  PRIMARY KEY (level, idx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stream_heads (stream TEXT PRIMARY KEY, revision INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS checkpoints (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  tree_size INTEGER NOT NULL,
  body      TEXT    NOT NULL
);
CREATE TRIGGER IF NOT EXISTS leaves_no_update BEFORE UPDATE ON leaves BEGIN SELECT RAISE(ABORT, 'audit leaves are immutable'); END;
CREATE TRIGGER IF NOT EXISTS leaves_no_delete BEFORE DELETE ON leaves BEGIN SELECT RAISE(ABORT, 'audit leaves are immutable'); END;
CREATE TRIGGER IF NOT EXISTS nodes_no_update BEFORE UPDATE ON nodes BEGIN SELECT RAISE(ABORT, 'audit nodes are immutable'); END;
CREATE TRIGGER IF NOT EXISTS nodes_no_delete BEFORE DELETE ON nodes BEGIN SELECT RAISE(ABORT, 'audit nodes are immutable'); END;
CREATE TRIGGER IF NOT EXISTS checkpoints_no_update BEFORE UPDATE ON checkpoints BEGIN SELECT RAISE(ABORT, 'checkpoints are immutable'); END;
CREATE TRIGGER IF NOT EXISTS checkpoints_no_delete BEFORE DELETE ON checkpoints BEGIN SELECT RAISE(ABORT, 'checkpoints are immutable'); END;
`;
