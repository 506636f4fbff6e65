import { type RecordedEvent } from '@ledger/event-store';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { AuditLog, auditLogFile } from '../audit-log';
import { ExportRefused } from '../errors';
import canonicalize from 'canonicalize';
import { canonicalLeafHash } from '../canonical-event';
import { chainHash, sha256Hex } from '../hashing';
import { type SigningKey, loadOrCreateSigningKey } from '../signing-key';
import { digestMember } from './export-container';
import { type ExportScope } from './export-format';
import { verifyExportPackage } from './verify-export-package';
import { type ExportPackageInput, writeExportPackage } from './write-export-package';

const STREAMS = ['applicant-A', 'applicant-B', 'program-P'];

/** Sparse positions, three streams, revisions gap-free per stream. */
function ledger(count: number): RecordedEvent[] {
  const revisions = new Map<string, number>();
  return Array.from({ length: count }, (_, i) => {
    const stream = STREAMS[i % 3]!;
    const revision = (revisions.get(stream) ?? -1) + 1;
    revisions.set(stream, revision);
    return {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      stream,
      revision,
      position: 100 + i * 3,
      type: 'FundsCommitted',
      data: { cents: 1000 * i, note: `commitment ${i} — ünïcode` },
      metadata: { actor: 'analyst' },
      recordedAt: `2026-02-0${1 + (i % 9)}T10:00:00.000Z`,
    };
  });
}

describe('export packages', () => {
  let dir: string;
  let key: SigningKey;
  let audit: AuditLog;
  const events = ledger(40);
  const readModels = { applicants: { 'applicant-A': { committedCents: 12345 } } };
  const ruleSets = [{ id: 'erate-2026', version: 3, thirtyPercentRuleBp: 3000 }];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'audit-export-'));
    key = loadOrCreateSigningKey(dir);
    audit = AuditLog.open({ file: auditLogFile(dir), signingKey: key });
    audit.append(events.slice(0, 35));
  });
  afterEach(() => {
    audit.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const input = (overrides: Partial<ExportPackageInput> = {}): ExportPackageInput => {
    const checkpoint = audit.checkpoint();
    return {
      events: events.filter((e) => e.position <= checkpoint.lastPosition),
      auditLog: audit,
      checkpoint,
      publicKeyPem: key.publicKeyPem,
      readModels,
      ruleSets,
      scope: { kind: 'all' },
      asOfPosition: checkpoint.lastPosition,
      now: () => new Date('2026-05-06T07:08:09.000Z'),
      ...overrides,
    };
  };

  const applicantA: ExportScope = { kind: 'applicant', id: 'applicant-A' };

  it('writes a package of the whole ledger that verifies offline, with a manifest describing it', async () => {
    const file = join(dir, 'all.ledger.gz');
    const summary = await writeExportPackage(file, input());
    expect(summary.events).toBe(35);
    audit.close(); // offline: nothing but the file
    const report = await verifyExportPackage(file, { trustedPublicKeyPem: key.publicKeyPem });
    expect(report).toMatchObject({ ok: true, eventsChecked: 35, checkpointsChecked: 1, problems: [] });
    expect(report.manifest).toMatchObject({
      format: 'procurement-ledger/audit-export',
      version: 1,
      createdAt: '2026-05-06T07:08:09.000Z',
      scope: { kind: 'all' },
      asOfPosition: events[34]!.position,
      counts: { events: 35 },
    });
    audit = AuditLog.open({ file: auditLogFile(dir) });
  });

  it('is readable with standard tools: zcat shows JSON lines ending in the digest of the content', async () => {
    const file = join(dir, 'all.ledger.gz');
    const summary = await writeExportPackage(file, input());
    const text = execFileSync('gzip', ['-dc', file]).toString('utf8');
    const rows = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { section: string; sha256?: string; value?: unknown });
    expect(rows.map((r) => r.section)).toEqual([
      'manifest',
      'checkpoint',
      'publicKey',
      'readModels',
      'ruleSets',
      'consistency',
      ...Array(35).fill('event'),
      'digest',
    ]);
    expect(rows[3]!.value).toEqual(readModels);
    expect(rows[4]!.value).toEqual(ruleSets);
    expect(rows[rows.length - 1]!.sha256).toBe(summary.sha256);
  });

  it('exports the ledger as of an earlier position, proven consistent with a later checkpoint', async () => {
    const file = join(dir, 'earlier.ledger.gz');
    const asOf = events[19]!.position + 1;
    await writeExportPackage(file, input({ events: events.filter((e) => e.position <= asOf), asOfPosition: asOf }));
    expect(await verifyExportPackage(file)).toMatchObject({ ok: true, eventsChecked: 20 });
  });

  it('exports a scope with inclusion proofs for its events only', async () => {
    const file = join(dir, 'applicant.ledger.gz');
    const mine = events.slice(0, 35).filter((e) => e.stream === 'applicant-A');
    await writeExportPackage(file, input({ events: mine, scope: applicantA }));
    const report = await verifyExportPackage(file);
    expect(report).toMatchObject({ ok: true, eventsChecked: mine.length });
    expect(report.manifest?.scope).toEqual(applicantA);
  });

  it('refuses inputs that disagree with the audit log, leaving no file behind', async () => {
    const file = join(dir, 'refused.ledger.gz');
    const altered = events
      .slice(0, 35)
      .map((e) => (e.position === events[7]!.position ? { ...e, data: { cents: 1 } } : e));
    await expect(writeExportPackage(file, input({ events: altered }))).rejects.toThrow(
      `Event at position ${events[7]!.position} differs`,
    );
    await expect(
      writeExportPackage(file, input({ events: events.slice(0, 35).filter((_, i) => i !== 3) })),
    ).rejects.toThrow('must not skip events');
    await expect(writeExportPackage(file, input({ events: events.slice(0, 34) }))).rejects.toThrow(ExportRefused);
    await expect(writeExportPackage(file, input({ asOfPosition: 10_000 }))).rejects.toThrow('asOfPosition');
    await expect(
      writeExportPackage(file, input({ publicKeyPem: loadOrCreateSigningKey(join(dir, 'other')).publicKeyPem })),
    ).rejects.toThrow('does not verify');
    await expect(writeExportPackage(file, input({ scope: { kind: 'frn', id: '' } }))).rejects.toThrow('needs an id');
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('fails when any one of many sampled bytes of a real package is changed', async () => {
    for (const scope of [{ kind: 'all' } as ExportScope, applicantA]) {
      const file = join(dir, `${scope.kind}.ledger.gz`);
      const mine = scope.kind === 'all' ? undefined : events.slice(0, 35).filter((e) => e.stream === 'applicant-A');
      await writeExportPackage(file, input({ scope, ...(mine ? { events: mine } : {}) }));
      const original = readFileSync(file);
      expect((await verifyExportPackage(file)).ok).toBe(true);
      // Every header and trailer byte of both gzip members, plus an even sample through the body.
      const offsets = new Set<number>();
      for (let i = 0; i < 24; i += 1) offsets.add(i);
      for (let i = original.length - digestMember('0'.repeat(64)).length - 16; i < original.length; i += 1)
        offsets.add(i);
      const step = Math.max(1, Math.floor(original.length / 250));
      for (let i = 0; i < original.length; i += step) offsets.add(i);
      const undetected: number[] = [];
      const tampered = join(dir, 'tampered.ledger.gz');
      for (const offset of offsets) {
        const copy = Buffer.from(original);
        copy[offset] = copy[offset]! ^ (1 << (offset % 8));
        writeFileSync(tampered, copy);
        const report = await verifyExportPackage(tampered);
        if (report.ok || report.problems.length === 0 || report.problems.some((p) => p.message.length === 0))
          undetected.push(offset);
      }
      expect(undetected).toEqual([]);
      expect(offsets.size).toBeGreaterThan(250);
    }
  });

  it('names the event when the content is rewritten and every digest recomputed to match', async () => {
    const file = join(dir, 'all.ledger.gz');
    await writeExportPackage(file, input());
    const target = events[12]!;
    const rewritten = rewrite(readFileSync(file), (line) =>
      line.includes(`"position":${target.position},`)
        ? line.replace(`"cents":${target.data.cents as number}`, '"cents":1')
        : line,
    );
    writeFileSync(file, rewritten);
    const report = await verifyExportPackage(file);
    expect(report.ok).toBe(false);
    expect(report.firstBadPosition).toBe(target.position);
    // The forgery is complete (no digest or manifest complaint): only the hashes the signature covers catch it.
    expect(report.problems.map((p) => p.kind).sort()).toEqual([
      'chain-mismatch',
      'consistency-proof',
      'inclusion-proof',
      'leaf-mismatch',
    ]);
    expect(report.problems.filter((p) => p.position !== undefined).map((p) => p.position)).toEqual([
      target.position,
      target.position,
    ]);
  });

  it('still names the event when the forger also rewrites its leaf hash and every chain hash after it', async () => {
    const file = join(dir, 'all.ledger.gz');
    await writeExportPackage(file, input());
    const target = events[12]!;
    let chain: Buffer = Buffer.alloc(32);
    const rewritten = rewrite(readFileSync(file), (line) => {
      const row = JSON.parse(line) as { section: string; event?: RecordedEvent; leafHash?: string; chainHash?: string };
      if (row.section !== 'event' || !row.event) return line;
      if (row.event.position === target.position) {
        row.event.data = { ...row.event.data, cents: 1 };
        row.leafHash = canonicalLeafHash(row.event).toString('hex');
      }
      chain = chainHash(chain, Buffer.from(row.leafHash!, 'hex'));
      row.chainHash = chain.toString('hex');
      return canonicalize(row)!;
    });
    writeFileSync(file, rewritten);
    const report = await verifyExportPackage(file);
    expect(report.firstBadPosition).toBe(target.position);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ position: target.position, kind: 'inclusion-proof' }),
    );
  });

  it('names an event moved to another position in a scoped package once the manifest is forged to match', async () => {
    const file = join(dir, 'applicant.ledger.gz');
    const mine = events.slice(0, 35).filter((e) => e.stream === 'applicant-A');
    await writeExportPackage(file, input({ events: mine, scope: applicantA }));
    const victim = mine[4]!;
    const rewritten = rewrite(readFileSync(file), (line) =>
      line.replace(`"position":${victim.position},`, `"position":${victim.position + 1},`),
    );
    writeFileSync(file, rewritten);
    const report = await verifyExportPackage(file);
    expect(report.firstBadPosition).toBe(victim.position + 1);
    expect(report.problems.map((p) => p.kind)).toEqual(['leaf-mismatch', 'inclusion-proof']);
    expect(report.problems.map((p) => p.position)).toEqual([victim.position + 1, victim.position + 1]);
  });

  it('rejects a package signed by another key than the trusted one', async () => {
    const file = join(dir, 'all.ledger.gz');
    await writeExportPackage(file, input());
    const report = await verifyExportPackage(file, {
      trustedPublicKeyPem: loadOrCreateSigningKey(join(dir, 'other')).publicKeyPem,
    });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'bad-signature' })]);
  });

  it('reports a missing, truncated or foreign file instead of throwing', async () => {
    expect(await verifyExportPackage(join(dir, 'absent.gz'))).toMatchObject({
      ok: false,
      problems: [expect.objectContaining({ kind: 'malformed-package' })],
    });
    const file = join(dir, 'all.ledger.gz');
    await writeExportPackage(file, input());
    writeFileSync(join(dir, 'short.gz'), readFileSync(file).subarray(0, 200));
    expect((await verifyExportPackage(join(dir, 'short.gz'))).ok).toBe(false);
    writeFileSync(
      join(dir, 'foreign.gz'),
      Buffer.concat([gzipSync('{"hello":"world"}\n'), digestMember(sha256Hex(gzipSync('{"hello":"world"}\n')))]),
    );
    const foreign = await verifyExportPackage(join(dir, 'foreign.gz'));
    expect(foreign.ok).toBe(false);
    expect(foreign.problems[0]!.message).toContain('should be the manifest section');
  });
});

/**
 * Decompresses, edits lines, then recomputes what an attacker can: the manifest's section hashes, the
 * compression and the container digest. Only the signature and the hashes it covers stay out of reach.
 */
function rewrite(file: Buffer, edit: (line: string) => string): Buffer {
  const lines = gunzipSync(file).toString('utf8').trimEnd().split('\n').slice(0, -1).map(edit);
  const sectionHash = (line: string): string => sha256Hex(`${line}\n`);
  const manifest = JSON.parse(lines[0]!) as { sha256: Record<string, string> };
  let events = '';
  for (const line of lines.slice(1)) {
    const section = (JSON.parse(line) as { section: string }).section;
    if (section === 'event') events += `${line}\n`;
    else manifest.sha256[section] = sectionHash(line);
  }
  manifest.sha256.events = sha256Hex(events);
  lines[0] = JSON.stringify(manifest);
  const content = gzipSync(lines.map((l) => `${l}\n`).join(''));
  return Buffer.concat([content, digestMember(sha256Hex(content))]);
}
