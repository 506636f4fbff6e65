import { type RecordedEvent } from '@ledger/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog, auditLogFile } from './audit-log';
import { canonicalLeafHash, toCanonicalEvent } from './canonical-event';
import { verifyCheckpoint } from './checkpoint';
import { AuditAppendRefused, AuditRangeError, SigningKeyError } from './errors';
import { CHAIN_GENESIS, EMPTY_TREE_ROOT, chainHash } from './hashing';
import { verifyConsistency, verifyInclusion } from './merkle/merkle-verify';
import { loadOrCreateSigningKey } from './signing-key';

const event = (
  position: number,
  stream: string,
  revision: number,
  data: Record<string, string | number> = { n: position },
): RecordedEvent => ({
  id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
  stream,
  revision,
  position,
  type: 'Noted',
  data,
  metadata: { by: 'test' },
  recordedAt: '2026-01-02T03:04:05.000Z',
});

/** Sparse positions (as EventStoreDB's) across three streams, revisions gap-free per stream. */
function sparseLog(count: number): RecordedEvent[] {
  const revisions = new Map<string, number>();
  return Array.from({ length: count }, (_, i) => {
    const stream = `s-${i % 3}`;
    const revision = (revisions.get(stream) ?? -1) + 1;
    revisions.set(stream, revision);
    return event(10 + i * 7, stream, revision);
  });
}

describe('AuditLog', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'audit-log-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const open = (): AuditLog =>
    AuditLog.open({
      file: auditLogFile(dir),
      signingKey: loadOrCreateSigningKey(dir),
      now: () => new Date('2026-03-04T05:06:07.000Z'),
    });

  it('starts empty with the empty-tree root and the genesis chain', () => {
    const log = open();
    expect(log.head()).toEqual({
      treeSize: 0,
      lastPosition: 0,
      root: EMPTY_TREE_ROOT.toString('hex'),
      chainHash: CHAIN_GENESIS.toString('hex'),
    });
    log.close();
  });

  it('chains leaf hashes of the canonical form in position order and maps sparse positions to tree indexes', () => {
    const events = sparseLog(5);
    const log = open();
    const result = log.append(events);
    expect(result.appended).toBe(5);
    let chain = CHAIN_GENESIS;
    events.forEach((e, index) => {
      const leaf = canonicalLeafHash(toCanonicalEvent(e));
      chain = chainHash(chain, leaf);
      expect(log.leafAt(e.position)).toEqual({
        index,
        position: e.position,
        stream: e.stream,
        revision: e.revision,
        leafHash: leaf.toString('hex'),
        chainHash: chain.toString('hex'),
      });
    });
    expect(log.head()).toMatchObject({
      treeSize: 5,
      lastPosition: events[4]!.position,
      chainHash: chain.toString('hex'),
    });
    expect(log.leafAt(11)).toBeUndefined();
    expect(log.sizeAtPosition(9)).toBe(0);
    expect(log.sizeAtPosition(events[2]!.position + 3)).toBe(3);
    log.close();
  });

  it('survives a restart: the reopened log continues the same tree and chain', () => {
    const events = sparseLog(40);
    const first = open();
    first.append(events.slice(0, 23));
    first.close();
    const reopened = open();
    reopened.append(events.slice(23));
    const oneGo = AuditLog.open({ file: join(dir, 'other.sqlite') });
    oneGo.append(events);
    expect(reopened.head()).toEqual(oneGo.head());
    reopened.close();
    oneGo.close();
  });

  it('is idempotent on already-recorded events and refuses a changed one, writing nothing of the batch', () => {
    const events = sparseLog(6);
    const log = open();
    log.append(events.slice(0, 4));
    expect(log.append(events)).toMatchObject({ appended: 2, alreadyRecorded: 4 });
    const before = log.head();
    const altered = { ...events[2]!, data: { n: 999 } };
    expect(() => log.append([altered])).toThrow(AuditAppendRefused);
    expect(() => log.append([altered])).toThrow(`Event at position ${altered.position} differs`);
    expect(log.head()).toEqual(before);
    log.close();
  });

  it('refuses a skipped stream revision, an event inserted in the past and out-of-order batches without partial writes', () => {
    const events = sparseLog(6);
    const log = open();
    log.append(events.slice(0, 3));
    const head = log.head();
    // events[3] alone would be accepted; the batch fails on its second event, so it must not stay either.
    expect(() => log.append([events[3]!, { ...events[5]!, revision: 3 }])).toThrow('expected revision 1');
    expect(log.head()).toEqual(head);
    expect(() => log.append([event(events[1]!.position + 1, 'new-stream', 0)])).toThrow('never recorded');
    expect(() => log.append([events[4]!, events[3]!])).toThrow('increasing position order');
    expect(() => log.append([event(1000, 'fresh', 1)])).toThrow('expected revision 0');
    expect(log.head()).toEqual(head);
    log.close();
  });

  it('proves inclusion of every event and consistency between every pair of sizes against its own roots', () => {
    const events = sparseLog(37);
    const log = open();
    const roots: string[] = [log.rootAt(0)];
    for (const e of events) {
      log.append([e]);
      roots.push(log.head().root);
    }
    for (let size = 1; size <= events.length; size += 1) {
      expect(log.rootAt(size)).toBe(roots[size]);
      for (const e of events.slice(0, size)) {
        const p = log.inclusionProof(e.position, size);
        expect(p.root).toBe(roots[size]);
        expect(verifyInclusion(p.leafHash, p.index, p.treeSize, p.proof, roots[size]!)).toBe(true);
      }
      for (let first = 0; first <= size; first += 1) {
        expect(verifyConsistency(first, size, log.consistencyProof(first, size), roots[first]!, roots[size]!)).toBe(
          true,
        );
      }
    }
    expect(() => log.inclusionProof(events[30]!.position, 30)).toThrow(AuditRangeError);
    expect(() => log.inclusionProof(12345)).toThrow('No event at position 12345');
    expect(() => log.consistencyProof(5, 38)).toThrow(AuditRangeError);
    log.close();
  });

  it('creates signed checkpoints of the head that verify under the public key and no other', () => {
    const key = loadOrCreateSigningKey(dir);
    const log = open();
    log.append(sparseLog(9));
    const checkpoint = log.checkpoint();
    expect(checkpoint).toMatchObject({
      treeSize: 9,
      lastPosition: 10 + 8 * 7,
      rootHash: log.head().root,
      chainHash: log.head().chainHash,
      timestamp: '2026-03-04T05:06:07.000Z',
      keyId: key.keyId,
    });
    expect(verifyCheckpoint(checkpoint, key.publicKeyPem)).toBe(true);
    expect(verifyCheckpoint({ ...checkpoint, treeSize: 8 }, key.publicKeyPem)).toBe(false);
    const stranger = loadOrCreateSigningKey(join(dir, 'elsewhere'));
    expect(verifyCheckpoint(checkpoint, stranger.publicKeyPem)).toBe(false);
    log.append([event(500, 'later', 0)]);
    const second = log.checkpoint();
    expect(log.latestCheckpoint()).toEqual(second);
    expect(log.checkpoints()).toEqual([checkpoint, second]);
    log.close();
  });

  it('cannot checkpoint without a signing key', () => {
    const log = AuditLog.open({ file: auditLogFile(dir) });
    expect(() => log.checkpoint()).toThrow(SigningKeyError);
    log.close();
  });

  it('appends 20,000 events with bounded proof cost', () => {
    const log = open();
    const events = sparseLog(20_000);
    for (let i = 0; i < events.length; i += 1000) log.append(events.slice(i, i + 1000));
    const started = process.hrtime.bigint();
    for (let i = 0; i < 200; i += 1) {
      const p = log.inclusionProof(events[(i * 97) % events.length]!.position);
      expect(verifyInclusion(p.leafHash, p.index, p.treeSize, p.proof, log.head().root)).toBe(true);
    }
    const perProofMs = Number(process.hrtime.bigint() - started) / 1e6 / 200;
    expect(perProofMs).toBeLessThan(5);
    log.close();
  });
});
