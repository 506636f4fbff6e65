import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startTestLedger } from '../../../test/support/ledger-app';
import { runLedgerCli, type CliRun } from '../testing/run-ledger-cli';

const lea = {
  name: 'Lincoln USD',
  kind: 'school-district',
  usState: 'MS',
  students: 1000,
  nslpEligibleStudents: 600,
  economicallyDisadvantagedStudents: 600,
  locale: 'urban',
  cep: false,
  memberApplicantIds: [],
};
const drafted = {
  applicant: 'applicant-lea',
  category: 1,
  spin: '143000001',
  procurement: 'procurement-470',
  fundingYear: 2025,
  serviceStartDate: '2025-07-01',
  lines: [
    {
      lineId: 'L1',
      product: 'Internet access',
      model: 'IA-100',
      location: 'District office',
      eligible: true,
      ancillary: false,
      specificallyRequested: true,
      quantity: 1,
      usualUnitPrice: 10_000,
    },
  ],
};

const cli = (...args: string[]): Promise<CliRun> => runLedgerCli(args);

/** A copy of the data directory, so each tamper starts from the same clean ledger. */
function copyDir(from: string): string {
  const to = mkdtempSync(join(tmpdir(), 'ledger-tamper-'));
  for (const f of readdirSync(from)) if (!f.endsWith('-shm')) copyFileSync(join(from, f), join(to, f));
  return to;
}

describe('ledger replay, explain, verify, export on a data directory', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
  let reductionPosition = 0;
  let draftPosition = 0;

  beforeAll(async () => {
    const ledger = await startTestLedger({}, { dataDir });
    const post = async (stream: string, type: string, data: unknown) => {
      const res = await ledger.request('POST', `/v1/streams/${stream}/events`, {
        key: ledger.keys.integration,
        body: { type, data },
      });
      expect(res.status).toBe(201);
      return (res.body.positions as number[])[0]!;
    };
    await post('applicant-lea', 'ApplicantRegistered', lea);
    draftPosition = await post('frn-1', 'FundingRequestDrafted', drafted);
    reductionPosition = await post('frn-1', 'PriceReductionOffered', {
      description: '20 percent price reduction',
      rateBasisPoints: 2_000,
    });
    // Let the server's audit trail catch up and sign, as it does while running.
    for (let i = 0; i < 50; i++) {
      const cp = await ledger.request('GET', '/v1/audit/checkpoint', { key: ledger.keys.auditor });
      if (cp.status === 200 && cp.body.checkpoint.lastPosition >= reductionPosition) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await ledger.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('replays a funding request before and after a price reduction', async () => {
    const before = await cli('replay', '--frn', '1', '--as-of', String(draftPosition), '--data-dir', dataDir);
    const after = await cli('replay', '--frn', '1', '--data-dir', dataDir);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.out).data.eligiblePreDiscountCost).toBe(10_000);
    expect(JSON.parse(after.out).data.eligiblePreDiscountCost).toBe(8_000);
  });

  it('explains each step with its rule and the positions of the events behind it', async () => {
    const { code, out } = await cli('explain', 'frn-1', '--data-dir', dataDir);
    expect(code).toBe(0);
    expect(out).toContain('Funding request frn-1');
    expect(out).toContain('erate-2025');
    expect(out).toContain(`PriceReductionOffered frn-1@1 (position ${reductionPosition})`);
    expect(out).toContain('$80.00');
  });

  it('verifies an untouched ledger clean', async () => {
    const { code, out } = await cli('verify', '--data-dir', dataDir);
    expect(out).toMatch(/^OK: ledger/);
    expect(code).toBe(0);
  });

  it('finds any changed byte of any stored event and names its position', async () => {
    const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
    const rows = db
      .prepare("SELECT position, data FROM events WHERE stream NOT LIKE 'ledger.%' ORDER BY position")
      .all() as { position: number; data: string }[];
    db.close();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      for (const offset of [
        0,
        Math.floor(row.data.length / 3),
        Math.floor((2 * row.data.length) / 3),
        row.data.length - 2,
      ]) {
        const copy = copyDir(dataDir);
        const tampered = new Database(join(copy, 'events.sqlite'));
        const triggers = tampered.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as {
          name: string;
        }[];
        for (const t of triggers) tampered.exec(`DROP TRIGGER "${t.name}"`);
        const chars = [...row.data];
        chars[offset] = chars[offset] === 'x' ? 'y' : 'x';
        tampered.prepare('UPDATE events SET data = ? WHERE position = ?').run(chars.join(''), row.position);
        tampered.close();
        const { code, out } = await cli('verify', '--data-dir', copy);
        rmSync(copy, { recursive: true, force: true });
        expect({ position: row.position, offset, code }).toEqual({ position: row.position, offset, code: 1 });
        expect(out).toContain(`first bad position ${row.position}`);
      }
    }
  });

  it('exports an FRN package that verifies offline, and refuses a tampered one', async () => {
    const out = join(dataDir, 'frn-1.jsonl.gz');
    const exported = await cli('export', '--scope', 'frn', '--id', '1', '--out', out, '--data-dir', dataDir);
    expect(exported.err).toBe('');
    expect(exported.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const offline = await cli('verify', '--export', out);
    expect(offline.out).toMatch(/^OK: export package/);
    const bytes = readFileSync(out);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x20;
    writeFileSync(out, bytes);
    const tampered = await cli('verify', '--export', out);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toMatch(/^FAILED/);
  });

  it('rebuilds the read models from the log', async () => {
    const { code, out } = await cli('rebuild', '--data-dir', dataDir);
    expect(code).toBe(0);
    expect(out).toMatch(/Rebuilt read models to position \d+/);
  });

  it('refuses bad arguments with a message and a non-zero exit', async () => {
    expect((await cli('replay', '--data-dir', dataDir)).code).toBe(1);
    expect((await cli('replay', '--frn', '1', '--as-of', 'last tuesday', '--data-dir', dataDir)).err).toContain(
      '--as-of',
    );
    expect((await cli('explain', 'frn-missing', '--data-dir', dataDir)).code).toBe(1);
    expect((await cli('export', '--scope', 'galaxy', '--data-dir', dataDir)).code).toBe(1);
    expect((await cli('verify', '--data-dir', join(dataDir, 'nope'))).code).toBe(1);
  });
});
