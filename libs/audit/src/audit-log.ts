import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_FORMAT, AUDIT_SCHEMA } from './audit-schema';
import { type AuditableEvent, canonicalLeafHash, toCanonicalEvent } from './canonical-event';
import { type SignedCheckpoint, signCheckpoint } from './checkpoint';
import { AuditAppendRefused, AuditLogUnavailable, AuditRangeError, SigningKeyError } from './errors';
import { CHAIN_GENESIS, chainHash } from './hashing';
import { CompactTree, peakCoordinates } from './merkle/compact-tree';
import { consistencyPath, inclusionPath, merkleRoot } from './merkle/merkle-tree';
import { type SubtreeSource } from './merkle/subtree-source';
import { type SigningKey } from './signing-key';

export interface AuditLogOptions {
  /** The audit database file; see auditLogFile(dataDir). Created with the schema when missing. */
  file: string;
  /** Needed only to create checkpoints. */
  signingKey?: SigningKey;
  /** Opens an existing file without writing to it (verification next to a running server). */
  readonly?: boolean;
  /** Clock for checkpoint timestamps. */
  now?: () => Date;
}

export interface AuditHead {
  treeSize: number;
  /** Position of the last recorded event; 0 when empty. */
  lastPosition: number;
  /** MTH of all recorded leaves, hex. */
  root: string;
  /** chain_n of the last recorded event (chain_0, 32 zero bytes, when empty), hex. */
  chainHash: string;
}

export interface AuditLeaf {
  index: number;
  position: number;
  stream: string;
  revision: number;
  leafHash: string;
  chainHash: string;
}

export interface InclusionProof {
  position: number;
  index: number;
  treeSize: number;
  leafHash: string;
  /** PATH(index, D[treeSize]) of RFC 9162, hex, sibling first. */
  proof: string[];
  root: string;
}

export interface AuditAppendResult {
  appended: number;
  /** Events already in the log with the same hash, skipped (replays after a restart). */
  alreadyRecorded: number;
  head: AuditHead;
}

export const AUDIT_LOG_FILE = 'audit.sqlite';

export function auditLogFile(dataDir: string): string {
  return join(dataDir, AUDIT_LOG_FILE);
}

interface LeafRow {
  idx: number;
  position: number;
  stream: string;
  revision: number;
  leaf_hash: Buffer;
  chain_hash: Buffer;
}

/**
 * Hash chain and Merkle tree over the event log, fed in position order by whoever tails the store.
 * Tree index = order of events; positions are kept beside it because store positions may be sparse.
 */
export class AuditLog implements SubtreeSource {
  private readonly db: Database.Database;
  private readonly signingKey: SigningKey | undefined;
  private readonly now: () => Date;
  private tree: CompactTree;
  private lastPosition: number;
  private lastChain: Buffer;

  private readonly stmt: {
    leafByIndex: Database.Statement<[number], LeafRow>;
    leafByPosition: Database.Statement<[number], LeafRow>;
    lastLeaf: Database.Statement<[], LeafRow>;
    sizeAtPosition: Database.Statement<[number], { idx: number }>;
    node: Database.Statement<[number, number], { hash: Buffer }>;
    streamHead: Database.Statement<[string], { revision: number }>;
    insertLeaf: Database.Statement<[number, number, string, number, Buffer, Buffer]>;
    insertNode: Database.Statement<[number, number, Buffer]>;
    upsertStream: Database.Statement<[string, number]>;
    insertCheckpoint: Database.Statement<[number, string]>;
    latestCheckpoint: Database.Statement<[], { body: string }>;
    allCheckpoints: Database.Statement<[], { body: string }>;
  };

  static open(options: AuditLogOptions): AuditLog {
    return new AuditLog(options);
  }

  private constructor(options: AuditLogOptions) {
    this.db = openDatabase(options.file, options.readonly ?? false);
    this.signingKey = options.signingKey;
    this.now = options.now ?? (() => new Date());
    const db = this.db;
    this.stmt = {
      leafByIndex: db.prepare('SELECT * FROM leaves WHERE idx = ?'),
      leafByPosition: db.prepare('SELECT * FROM leaves WHERE position = ?'),
      lastLeaf: db.prepare('SELECT * FROM leaves ORDER BY idx DESC LIMIT 1'),
      sizeAtPosition: db.prepare('SELECT idx FROM leaves WHERE position <= ? ORDER BY position DESC LIMIT 1'),
      node: db.prepare('SELECT hash FROM nodes WHERE level = ? AND idx = ?'),
      streamHead: db.prepare('SELECT revision FROM stream_heads WHERE stream = ?'),
      insertLeaf: db.prepare(
        'INSERT INTO leaves (idx, position, stream, revision, leaf_hash, chain_hash) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      insertNode: db.prepare('INSERT INTO nodes (level, idx, hash) VALUES (?, ?, ?)'),
      upsertStream: db.prepare(
        'INSERT INTO stream_heads (stream, revision) VALUES (?, ?) ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision',
      ),
      insertCheckpoint: db.prepare('INSERT INTO checkpoints (tree_size, body) VALUES (?, ?)'),
      latestCheckpoint: db.prepare('SELECT body FROM checkpoints ORDER BY seq DESC LIMIT 1'),
      allCheckpoints: db.prepare('SELECT body FROM checkpoints ORDER BY seq ASC'),
    };
    const last = this.stmt.lastLeaf.get();
    const size = last ? last.idx + 1 : 0;
    this.lastPosition = last?.position ?? 0;
    this.lastChain = last?.chain_hash ?? CHAIN_GENESIS;
    this.tree = new CompactTree(
      size,
      peakCoordinates(size).map(({ level, index }) => ({ level, index, hash: this.perfect(level, index) })),
    );
  }

  /**
   * Records events in position order. Events already recorded with the same hash are skipped, so a
   * tailer may replay from an earlier checkpoint. Refused as a whole (nothing written) when an event
   * differs from the recorded one at its position, lands below the head without having been recorded,
   * is out of order, or skips or repeats a stream revision.
   */
  append(events: readonly AuditableEvent[]): AuditAppendResult {
    const prepared = events.map((event) => {
      const canonical = toCanonicalEvent(event);
      return { canonical, leaf: canonicalLeafHash(canonical) };
    });
    for (let i = 1; i < prepared.length; i += 1) {
      const before = prepared[i - 1]!.canonical.position;
      const here = prepared[i]!.canonical.position;
      if (here <= before)
        throw new AuditAppendRefused(`Events must be appended in increasing position order: ${here} follows ${before}`);
    }
    const tree = this.tree.clone();
    let lastPosition = this.lastPosition;
    let lastChain = this.lastChain;
    let appended = 0;
    let alreadyRecorded = 0;
    const touched = new Map<string, number>();
    this.db
      .transaction(() => {
        for (const { canonical, leaf } of prepared) {
          const { position, stream, revision } = canonical;
          // Positions only grow, so anything past the head is new: no lookup on the bulk path.
          const recorded = position <= lastPosition ? this.stmt.leafByPosition.get(position) : undefined;
          if (recorded) {
            if (!recorded.leaf_hash.equals(leaf)) {
              throw new AuditAppendRefused(
                `Event at position ${position} differs from the one recorded in the audit log at index ${recorded.idx} ` +
                  `(recorded leaf ${recorded.leaf_hash.toString('hex')}, now ${leaf.toString('hex')}): the event log was altered`,
              );
            }
            alreadyRecorded += 1;
            continue;
          }
          if (position <= lastPosition) {
            throw new AuditAppendRefused(
              `Event at position ${position} was never recorded although the audit log has reached position ${lastPosition}: ` +
                'an event appeared in the past of the log, or the audit log skipped it',
            );
          }
          const head = touched.get(stream) ?? this.stmt.streamHead.get(stream)?.revision;
          const expected = head === undefined ? 0 : head + 1;
          if (revision !== expected) {
            throw new AuditAppendRefused(
              `Event at position ${position} is revision ${revision} of stream ${stream}, expected revision ${expected}: an event of the stream is missing or repeated`,
            );
          }
          const index = tree.size;
          lastChain = chainHash(lastChain, leaf);
          this.stmt.insertLeaf.run(index, position, stream, revision, leaf, lastChain);
          for (const node of tree.append(leaf)) this.stmt.insertNode.run(node.level, node.index, node.hash);
          touched.set(stream, revision);
          lastPosition = position;
          appended += 1;
        }
        for (const [stream, revision] of touched) this.stmt.upsertStream.run(stream, revision);
      })
      .immediate();
    this.tree = tree;
    this.lastPosition = lastPosition;
    this.lastChain = lastChain;
    return { appended, alreadyRecorded, head: this.head() };
  }

  head(): AuditHead {
    return {
      treeSize: this.tree.size,
      lastPosition: this.lastPosition,
      root: this.tree.root().toString('hex'),
      chainHash: this.lastChain.toString('hex'),
    };
  }

  leafAt(position: number): AuditLeaf | undefined {
    const row = this.stmt.leafByPosition.get(position);
    return row && toLeaf(row);
  }

  leafAtIndex(index: number): AuditLeaf | undefined {
    const row = this.stmt.leafByIndex.get(index);
    return row && toLeaf(row);
  }

  /** Number of recorded events with a position at or below `position`: the tree size "as of" it. */
  sizeAtPosition(position: number): number {
    const row = this.stmt.sizeAtPosition.get(position);
    return row ? row.idx + 1 : 0;
  }

  /** MTH of the first `treeSize` leaves (any size up to the head), hex. */
  rootAt(treeSize: number): string {
    this.assertSize(treeSize);
    return merkleRoot(this, treeSize).toString('hex');
  }

  inclusionProof(position: number, treeSize: number = this.tree.size): InclusionProof {
    this.assertSize(treeSize);
    const row = this.stmt.leafByPosition.get(position);
    if (!row) throw new AuditRangeError(`No event at position ${position} in the audit log`);
    if (row.idx >= treeSize)
      throw new AuditRangeError(
        `The event at position ${position} (index ${row.idx}) is not in a tree of size ${treeSize}`,
      );
    return {
      position,
      index: row.idx,
      treeSize,
      leafHash: row.leaf_hash.toString('hex'),
      proof: inclusionPath(this, row.idx, treeSize).map(hex),
      root: merkleRoot(this, treeSize).toString('hex'),
    };
  }

  /** PROOF(fromSize, D[toSize]) of RFC 9162, hex. */
  consistencyProof(fromSize: number, toSize: number = this.tree.size): string[] {
    this.assertSize(fromSize);
    this.assertSize(toSize);
    if (fromSize > toSize)
      throw new AuditRangeError(`Cannot prove consistency from size ${fromSize} to the smaller size ${toSize}`);
    return consistencyPath(this, fromSize, toSize).map(hex);
  }

  /** Signs and stores a tree head for everything recorded so far. */
  checkpoint(): SignedCheckpoint {
    if (!this.signingKey)
      throw new SigningKeyError('This audit log was opened without a signing key; it cannot create checkpoints');
    const head = this.head();
    const checkpoint = signCheckpoint(
      {
        treeSize: head.treeSize,
        lastPosition: head.lastPosition,
        rootHash: head.root,
        chainHash: head.chainHash,
        timestamp: this.now().toISOString(),
        keyId: this.signingKey.keyId,
      },
      this.signingKey.privateKey,
    );
    // Leaves can be recomputed from the event store, a signed checkpoint cannot: it is committed with a
    // full sync, which also makes every leaf before it durable (one write-ahead log).
    this.db.pragma('synchronous = FULL');
    try {
      this.stmt.insertCheckpoint.run(checkpoint.treeSize, JSON.stringify(checkpoint));
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
    return checkpoint;
  }

  latestCheckpoint(): SignedCheckpoint | undefined {
    const row = this.stmt.latestCheckpoint.get();
    return row && (JSON.parse(row.body) as SignedCheckpoint);
  }

  checkpoints(): SignedCheckpoint[] {
    return this.stmt.allCheckpoints.all().map((row) => JSON.parse(row.body) as SignedCheckpoint);
  }

  /** SubtreeSource over the stored tree; a missing node means the file was damaged. */
  perfect(level: number, index: number): Buffer {
    const hash = level === 0 ? this.stmt.leafByIndex.get(index)?.leaf_hash : this.stmt.node.get(level, index)?.hash;
    if (!hash)
      throw new AuditRangeError(
        `The audit log has no subtree hash at level ${level}, index ${index}: the file is damaged`,
      );
    return hash;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private assertSize(treeSize: number): void {
    if (!Number.isSafeInteger(treeSize) || treeSize < 0 || treeSize > this.tree.size) {
      throw new AuditRangeError(`Tree size ${treeSize} is outside the recorded tree (0..${this.tree.size})`);
    }
  }
}

const hex = (b: Buffer): string => b.toString('hex');

function toLeaf(row: LeafRow): AuditLeaf {
  return {
    index: row.idx,
    position: row.position,
    stream: row.stream,
    revision: row.revision,
    leafHash: row.leaf_hash.toString('hex'),
    chainHash: row.chain_hash.toString('hex'),
  };
}

function openDatabase(file: string, readonly: boolean): Database.Database {
  const isNew = !existsSync(file) || statSync(file).size === 0;
  if (readonly && isNew) throw new AuditLogUnavailable(`Audit log ${file} does not exist`);
  const db = new Database(file, { readonly, fileMustExist: !isNew });
  try {
    if (!readonly) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new Error(`cannot use write-ahead logging (journal_mode=${String(mode)})`);
    }
    // Leaves are derived from the event store: after a power loss that drops the last commits, the audit
    // trail re-tails them from the log's head and recomputes the same hashes. NORMAL keeps WAL commits
    // consistent (never half-written) without a flush each; checkpoints are committed with FULL.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    if (isNew) {
      db.exec(AUDIT_SCHEMA);
      db.prepare('INSERT INTO audit_meta (key, value) VALUES (?, ?)').run('format', AUDIT_FORMAT);
    } else {
      const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_meta'").get();
      const format = hasMeta
        ? (db.prepare("SELECT value FROM audit_meta WHERE key = 'format'").get() as { value: string } | undefined)
            ?.value
        : undefined;
      if (format !== AUDIT_FORMAT) throw new Error(`has format ${format ?? 'none'}, expected ${AUDIT_FORMAT}`);
    }
    return db;
  } catch (error) {
    db.close();
    throw new AuditLogUnavailable(`Audit log ${file} cannot be used: ${(error as Error).message}`);
  }
}
