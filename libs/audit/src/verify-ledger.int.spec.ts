import { type RawEventRow, type RecordedEvent, SqliteEventStore } from '@ledger/event-store';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog, auditLogFile } from './audit-log';
import { rawEventRows } from './raw-event-rows';
import { loadOrCreateSigningKey } from './signing-key';
import { verifyLedger } from './verify-ledger';

const STREAMS = ['applicant-1', 'applicant-2', 'program-7'];

describe('verifyLedger over a real SQLite event store', () => {
  let dir: string;
  let eventsFile: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'verify-ledger-'));
    eventsFile = join(dir, 'events.sqlite');
    const store = SqliteEventStore.open({ file: eventsFile });
    for (let i = 0; i < 60; i += 1) {
      await store.append(STREAMS[i % 3]!, [
        { type: 'AmountNoted', data: { note: `entry number ${i}`, cents: i * 100 }, metadata: { actor: 'clerk' } },
      ]);
    }
    const audit = AuditLog.open({ file: auditLogFile(dir), signingKey: loadOrCreateSigningKey(dir) });
    audit.append(await rows(store, 0, 30));
    audit.checkpoint();
    audit.append(await rows(store, 30, 100));
    audit.checkpoint();
    audit.close();
    await store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function rows(store: SqliteEventStore, after: number, limit: number): Promise<RawEventRow[]> {
    return store.rawPage(after, limit);
  }

  /** Opens the events file behind the store's back, lifting its immutability triggers as an attacker would. */
  function tamper(sql: string, ...params: unknown[]): void {
    const db = new Database(eventsFile);
    db.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;');
    db.prepare(sql).run(...params);
    db.close();
  }

  function storedData(position: number): string {
    const db = new Database(eventsFile, { readonly: true });
    const row = db.prepare('SELECT data FROM events WHERE position = ?').get(position) as { data: string };
    db.close();
    return row.data;
  }

  async function verify(options: { auditLog?: boolean; recorded?: boolean } = {}) {
    const store = SqliteEventStore.open({ file: eventsFile });
    const key = loadOrCreateSigningKey(dir);
    const audit = AuditLog.open({ file: auditLogFile(dir), readonly: true });
    try {
      const checkpoints = audit.checkpoints();
      const events: AsyncIterable<RawEventRow | RecordedEvent> = options.recorded
        ? store.readAll()
        : rawEventRows(store);
      return await verifyLedger({
        events,
        ...(options.auditLog === false ? { checkpoints } : { auditLog: audit }),
        publicKeyPem: key.publicKeyPem,
      });
    } finally {
      audit.close();
      await store.close();
    }
  }

  it('passes an untouched ledger, checking every event and both checkpoints', async () => {
    const report = await verify();
    expect(report).toEqual({ ok: true, eventsChecked: 60, checkpointsChecked: 2, problems: [], problemCount: 0 });
    expect(await verify({ recorded: true })).toMatchObject({ ok: true, eventsChecked: 60 });
  });

  it('names the position whose stored data had one byte changed that still parses', async () => {
    const original = storedData(17);
    const flipped = original.replace('entry number 16', 'entry number 96');
    expect(flipped).not.toBe(original);
    tamper('UPDATE events SET data = ? WHERE position = 17', flipped);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBadPosition).toBe(17);
    expect(report.problems).toContainEqual(expect.objectContaining({ position: 17, kind: 'leaf-mismatch' }));
    expect(report.problems.filter((p) => p.position !== undefined && p.position !== 17)).toEqual([]);
  });

  it('reports a byte flip that breaks the JSON by position instead of throwing', async () => {
    const original = Buffer.from(storedData(42), 'utf8');
    original[original.length - 1] = original[original.length - 1]! ^ 0x01; // the closing brace
    tamper('UPDATE events SET data = ? WHERE position = 42', original.toString('utf8'));
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBadPosition).toBe(42);
    expect(report.problems).toEqual([expect.objectContaining({ position: 42, kind: 'unparseable' })]);
  });

  it('without the audit log, still fails the signed checkpoints after a change', async () => {
    tamper('UPDATE events SET metadata = ? WHERE position = 5', JSON.stringify({ actor: 'mallory' }));
    const report = await verify({ auditLog: false });
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.kind)).toContain('checkpoint-mismatch');
  });

  it('names a deleted event', async () => {
    tamper('DELETE FROM events WHERE position = 23');
    const report = await verify();
    expect(report).toMatchObject({ ok: false, firstBadPosition: 23 });
    expect(report.problems).toContainEqual(expect.objectContaining({ position: 23, kind: 'missing-event' }));
  });

  it('does not count events beyond the audit head as problems: they are simply not audited yet', async () => {
    const db = new Database(eventsFile);
    const row = db.prepare('SELECT * FROM events WHERE position = 30').get() as RawEventRow;
    db.prepare(
      'INSERT INTO events (position, id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(1000, '11111111-1111-4111-8111-111111111111', 'forged', 0, row.type, row.data, row.metadata, row.recorded_at);
    db.close();
    expect(await verify()).toMatchObject({ ok: true, eventsChecked: 61 });
  });

  it('flags an audit log whose stored tree was altered', async () => {
    const db = new Database(auditLogFile(dir));
    db.exec('DROP TRIGGER nodes_no_update');
    db.prepare('UPDATE nodes SET hash = ? WHERE level = 4 AND idx = 0').run(Buffer.alloc(32, 7));
    db.close();
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'root-mismatch', message: expect.stringContaining('tree size 30') }),
    ]);
  });

  it('flags a forged checkpoint signature', async () => {
    const audit = AuditLog.open({ file: auditLogFile(dir), readonly: true });
    const [first, second] = audit.checkpoints();
    audit.close();
    const forged = { ...second!, timestamp: '2030-01-01T00:00:00.000Z' };
    const store = SqliteEventStore.open({ file: eventsFile });
    const report = await verifyLedger({
      events: rawEventRows(store),
      checkpoints: [first!, forged],
      publicKeyPem: loadOrCreateSigningKey(dir).publicKeyPem,
    });
    await store.close();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'bad-signature' })]);
  });
});

describe('verifyLedger on the shape of the log', () => {
  const e = (position: number, stream: string, revision: number): RecordedEvent => ({
    id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    stream,
    revision,
    position,
    type: 'T',
    data: {},
    metadata: {},
    recordedAt: '2026-01-01T00:00:00.000Z',
  });

  it('reports duplicate positions, out-of-order positions and revision gaps by position', async () => {
    const report = await verifyLedger({
      events: [e(1, 'a', 0), e(2, 'a', 1), e(2, 'b', 0), e(1, 'b', 0), e(5, 'a', 3), e(6, 'c', 1)],
    });
    expect(report.ok).toBe(false);
    expect(report.firstBadPosition).toBe(1);
    expect(report.problems.map((p) => [p.position, p.kind])).toEqual([
      [2, 'duplicate-position'],
      [1, 'out-of-order'],
      [5, 'revision-gap'],
      [6, 'revision-gap'],
    ]);
  });

  it('names an event that appears between audited positions of a sparse log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verify-sparse-'));
    const audit = AuditLog.open({ file: auditLogFile(dir) });
    try {
      audit.append([e(10, 'a', 0), e(17, 'a', 1), e(24, 'a', 2)]);
      const report = await verifyLedger({
        events: [e(10, 'a', 0), e(12, 'x', 0), e(17, 'a', 1), e(24, 'a', 2)],
        auditLog: audit,
      });
      expect(report.firstBadPosition).toBe(12);
      expect(report.problems).toContainEqual(expect.objectContaining({ position: 12, kind: 'unexpected-event' }));
    } finally {
      audit.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('caps the problems listed but counts them all', async () => {
    const events = Array.from({ length: 50 }, (_, i) => e(i + 1, 'a', i * 2));
    const report = await verifyLedger({ events, maxProblems: 10 });
    expect(report.problems).toHaveLength(10);
    expect(report.problemCount).toBe(49);
  });
});
