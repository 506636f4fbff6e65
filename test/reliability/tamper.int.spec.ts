import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { need, registered } from './support/applicant-facts';
import { forgeExport } from './support/export-forgery';
import { ledgerCli } from './support/ledger-cli';
import { tally } from './support/tally';

const recordTamper = (detected: boolean): void => {
  tally('tamperPlanted', 1);
  tally('tamperDetected', detected ? 1 : 0);
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Row {
  position: number;
  data: string;
}

/** Waits until the start-up verification has finished and returns the checkpoint answer. */
async function settledCheckpoint(ledger: TestLedger) {
  let res = await ledger.request('GET', '/v1/audit/checkpoint', { key: ledger.keys.auditor });
  for (let i = 0; i < 100 && res.status === 503 && res.body.type.endsWith('/audit-verifying'); i++) {
    await sleep(50);
    res = await ledger.request('GET', '/v1/audit/checkpoint', { key: ledger.keys.auditor });
  }
  return res;
}

/**
 * Changes one character of a row's JSON in the raw bytes of events.sqlite, as an editor with disk
 * access would, bypassing SQL (and its append-only triggers).
 */
function flipInFile(file: string, row: Row, offsetInData: number): void {
  const bytes = readFileSync(file);
  const needle = Buffer.from(row.data, 'utf8');
  const at = bytes.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  expect(bytes.indexOf(needle, at + 1)).toBe(-1);
  const i = at + offsetInData;
  const c = String.fromCharCode(bytes[i]!);
  bytes[i] = (/[0-9]/.test(c) ? (c === '9' ? '1' : '9') : c === 'x' ? 'y' : 'x').charCodeAt(0);
  writeFileSync(file, bytes);
}

describe('tamper evidence: changed bytes in the store file and in export packages', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-tamper-src-'));
  const scratch: string[] = [];
  const copy = (): string => {
    const to = mkdtempSync(join(tmpdir(), 'ledger-tamper-'));
    scratch.push(to);
    cpSync(dataDir, to, { recursive: true });
    return to;
  };
  let rows: Row[] = [];
  let apiExport: Buffer;

  beforeAll(async () => {
    const ledger = await startTestLedger({}, { dataDir });
    const post = async (stream: string, body: unknown) => {
      const res = await ledger.request('POST', `/v1/streams/${stream}/events`, { key: ledger.keys.integration, body });
      expect(res.status).toBe(201);
      return res.body.positions as number[];
    };
    await post('applicant-tamper-a', registered({ name: 'Tamper Alpha USD' }));
    await post('applicant-tamper-a', { events: [need('tamper area north'), need('tamper area south', 4321)] });
    await post('applicant-tamper-b', registered({ name: 'Tamper Beta USD', students: 98_765 }));
    const [last] = await post('applicant-tamper-b', need('tamper area east'));
    let cp = await settledCheckpoint(ledger);
    for (let i = 0; i < 100 && !(cp.status === 200 && cp.body.checkpoint.lastPosition >= last!); i++) {
      await sleep(50);
      cp = await settledCheckpoint(ledger);
    }
    expect(cp.status).toBe(200);
    const exported = await ledger.app.inject({
      method: 'GET',
      url: '/v1/audit/export?scope=all',
      headers: { 'x-api-key': ledger.keys.auditor },
    });
    expect(exported.statusCode).toBe(200);
    apiExport = exported.rawPayload;
    await ledger.close();
    // Fold the write-ahead log into the main file, so every row's bytes are in events.sqlite itself.
    const db = new Database(join(dataDir, 'events.sqlite'));
    db.pragma('wal_checkpoint(TRUNCATE)');
    rows = db
      .prepare("SELECT position, data FROM events WHERE stream LIKE 'applicant-tamper-%' ORDER BY position")
      .all() as Row[];
    db.close();
    const wal = join(dataDir, 'events.sqlite-wal');
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
    expect(rows.length).toBe(5);
  });
  afterAll(() => {
    for (const dir of [dataDir, ...scratch]) rmSync(dir, { recursive: true, force: true });
  });

  it('ledger verify passes the untouched ledger', async () => {
    const clean = await ledgerCli('verify', '--data-dir', copy());
    expect(clean.out).toMatch(/^OK: ledger/);
    expect(clean.code).toBe(0);
  });

  it('ledger verify names the position of a character changed in the raw file bytes (a letter in a name, a digit in a number)', async () => {
    const cases = [
      { row: rows[0]!, offset: rows[0]!.data.indexOf('Alpha') + 1 },
      { row: rows[2]!, offset: rows[2]!.data.indexOf('4321') + 2 },
      { row: rows[3]!, offset: rows[3]!.data.indexOf('98765') + 1 },
      { row: rows[4]!, offset: rows[4]!.data.indexOf('east') + 1 },
    ];
    for (const { row, offset } of cases) {
      expect(offset).toBeGreaterThan(0);
      const dir = copy();
      flipInFile(join(dir, 'events.sqlite'), row, offset);
      const { code, out } = await ledgerCli('verify', '--data-dir', dir);
      recordTamper(code === 1 && out.includes(`first bad position ${row.position}`));
      expect({ position: row.position, code, named: out.includes(`first bad position ${row.position}`) }).toEqual({
        position: row.position,
        code: 1,
        named: true,
      });
    }
  });

  it('the API withholds checkpoints, proofs and exports of a store that fails verification at start-up, naming the first bad position', async () => {
    const target = rows[1]!;
    const dir = copy();
    flipInFile(join(dir, 'events.sqlite'), target, target.data.indexOf('north') + 2);
    const ledger = await startTestLedger({}, { dataDir: dir });
    try {
      const res = await settledCheckpoint(ledger);
      recordTamper(
        res.status === 503 && (res.body as { firstBadPosition?: number }).firstBadPosition === target.position,
      );
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 503, firstBadPosition: target.position });
      expect(res.body.type).toMatch(/audit-verification-failed$/);
      expect(res.body.detail).toContain(`first bad position ${target.position}`);
      for (const url of [
        `/v1/audit/proof/${target.position}`,
        '/v1/audit/consistency?from=1',
        '/v1/audit/export?scope=all',
      ])
        expect((await ledger.request('GET', url, { key: ledger.keys.auditor })).status).toBe(503);
    } finally {
      await ledger.close();
    }
    const clean = await startTestLedger({}, { dataDir: copy() });
    try {
      expect((await settledCheckpoint(clean)).status).toBe(200);
    } finally {
      await clean.close();
    }
  });

  it('ledger verify --export names the event changed in an API export, even when every unsigned hash is forged to match', async () => {
    const dir = copy();
    const file = join(dir, 'api-export.jsonl.gz');
    writeFileSync(file, apiExport);
    const untouched = await ledgerCli('verify', '--export', file);
    expect(untouched.out).toMatch(/^OK: export package/);
    for (const row of [rows[0]!, rows[3]!]) {
      writeFileSync(
        file,
        forgeExport(apiExport, (line) =>
          line.includes(`"position":${row.position},`) ? line.replace('Tamper', 'Tamped') : line,
        ),
      );
      const forged = await ledgerCli('verify', '--export', file);
      recordTamper(forged.code === 1 && forged.out.includes(`first bad position ${row.position}`));
      expect({ code: forged.code, named: forged.out.includes(`first bad position ${row.position}`) }).toEqual({
        code: 1,
        named: true,
      });
    }
  });

  it('ledger verify --export refuses a CLI export with any single flipped byte', async () => {
    const dir = copy();
    const file = join(dir, 'applicant.jsonl.gz');
    const exported = await ledgerCli(
      'export',
      '--scope',
      'applicant',
      '--id',
      'tamper-a',
      '--out',
      file,
      '--data-dir',
      dir,
    );
    expect(exported.code).toBe(0);
    const original = readFileSync(file);
    expect((await ledgerCli('verify', '--export', file)).code).toBe(0);
    for (const at of [
      10,
      Math.floor(original.length / 3),
      Math.floor(original.length / 2),
      original.length - 20,
      original.length - 1,
    ]) {
      const bytes = Buffer.from(original);
      bytes[at]! ^= 0x01;
      writeFileSync(file, bytes);
      const result = await ledgerCli('verify', '--export', file);
      recordTamper(result.code === 1 && /^FAILED/.test(result.out));
      expect({ at, code: result.code, failed: /^FAILED/.test(result.out) }).toEqual({ at, code: 1, failed: true });
    }
    const target = rows[2]!;
    writeFileSync(
      file,
      forgeExport(original, (line) =>
        line.includes(`"position":${target.position},`) ? line.replace('"devices":4321', '"devices":4320') : line,
      ),
    );
    const forged = await ledgerCli('verify', '--export', file);
    recordTamper(forged.code === 1 && forged.out.includes(`first bad position ${target.position}`));
    expect({ code: forged.code, named: forged.out.includes(`first bad position ${target.position}`) }).toEqual({
      code: 1,
      named: true,
    });
  });
});
