import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@ledger/event-store';
import { chromebooks, mltiJoinedByMsAndTx, orderPlaced, registered } from '@ledger/domain/testing';
import { usd } from '@ledger/domain';
import { startTestLedger } from '../../../test/support/ledger-app';
import { postFacts } from '../../../test/support/recorded-facts';
import { runLedgerCli, type CliRun } from '../testing/run-ledger-cli';

const cli = (...args: string[]): Promise<CliRun> => runLedgerCli(args);
const PROGRAM = 'program-ms-legacy';

/**
 * ProgramEstablished as schema 1 recorded it, before programs stated their own terms: a rule set and a cost-share kind.
 */
const v1Program = {
  name: 'Mississippi Connects',
  usState: 'MS',
  fundingSource: 'CARES Act CRF via SB 3044 and HB 1788',
  totalFunds: usd(200_000_000),
  costShare: { kind: 'fixed-split', stateMaxPercent: 80, districtMinPercent: 20 },
  ruleSet: 'state-ms-connects-2020',
  establishedOn: '2020-07-01',
};

const storedDataOf = (dataDir: string, stream: string): string => {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT data FROM events WHERE stream = ? ORDER BY position').get(stream) as { data: string })
      .data;
  } finally {
    db.close();
  }
};

describe('a ledger recorded before programs stated their terms: upcast, explained, verified', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-cli-legacy-'));
  let orderPosition = 0;
  let storedBefore = '';

  beforeAll(async () => {
    const store = SqliteEventStore.open({ file: join(dataDir, 'events.sqlite') });
    await store.append(PROGRAM, [{ type: 'ProgramEstablished', data: v1Program, metadata: { schemaVersion: 1 } }]);
    await store.close();
    storedBefore = storedDataOf(dataDir, PROGRAM);

    const ledger = await startTestLedger({}, { dataDir });
    // The write path folds the v1 program through the upcaster: the order decider sees an open program with terms.
    const posted = await postFacts(ledger, [
      ...mltiJoinedByMsAndTx(),
      registered('applicant-jackson'),
      orderPlaced('order-legacy-1', {
        program: PROGRAM,
        applicant: 'applicant-jackson',
        lines: [chromebooks(4_000, usd(250))],
        stateShare: usd(850_000),
        districtShare: usd(150_000),
      }),
    ]);
    orderPosition = posted[posted.length - 1]!.position;
    for (let i = 0; i < 50; i++) {
      const cp = await ledger.request('GET', '/v1/audit/checkpoint', { key: ledger.keys.auditor });
      if (cp.status === 200 && cp.body.checkpoint.lastPosition >= orderPosition) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await ledger.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("ledger explain order-… names the terms the v1 program's rule set held, the earned share and the events with their positions", async () => {
    const { code, out } = await cli('explain', 'order-legacy-1', '--data-dir', dataDir);

    expect(code).toBe(0);
    expect(out).toContain('Order order-legacy-1 as of position');
    expect(out).toContain(
      'state share earned $0.00 of $850,000.00 (district-below-minimum), district share $150,000.00, under terms version 1 (effective 2020-07-01',
    );
    expect(out).toContain('ProgramEstablished program-ms-legacy@0 (position 1)');
    expect(out).toContain(`OrderPlaced order-legacy-1@0 (position ${orderPosition})`);
    expect(out).toContain('VIOLATION state.fixed-split-cost-share (state-program-terms)');
    expect(out).toContain('"Play 5 – Leverage Bulk Purchasing to Optimize Use of Funds"');
    expect(out).not.toMatch(/000_b009|\.txt/);
  });

  it('ledger explain order-… --json gives the terms version with the event id', async () => {
    const { code, out } = await cli('explain', 'order-legacy-1', '--json', '--data-dir', dataDir);
    const body = JSON.parse(out);

    expect(code).toBe(0);
    expect(body).toMatchObject({
      order: 'order-legacy-1',
      earnedStateShare: 0,
      earnedReason: 'district-below-minimum',
      terms: { version: 1, effectiveFrom: '2020-07-01' },
    });
  });

  it('ledger explain program-… shows committed and remaining: an unearned share commits nothing', async () => {
    const { code, out } = await cli('explain', PROGRAM, '--data-dir', dataDir);

    expect(code).toBe(0);
    expect(out).toContain(
      `Program ${PROGRAM} as of position ${orderPosition}: committed $0.00, remaining $200,000,000.00 of $200,000,000.00, rule set state-program-terms`,
    );
  });

  it('the stored v1 event is not edited, and the audit chain verifies before and after a rebuild', async () => {
    expect((await cli('verify', '--data-dir', dataDir)).out).toMatch(/^OK: ledger/);
    expect((await cli('rebuild', '--data-dir', dataDir)).code).toBe(0);
    const after = await cli('verify', '--data-dir', dataDir);
    expect(after.out).toMatch(/^OK: ledger/);
    expect(after.code).toBe(0);
    expect(storedDataOf(dataDir, PROGRAM)).toBe(storedBefore);
    expect(JSON.parse(storedBefore)).toMatchObject({
      ruleSet: 'state-ms-connects-2020',
      costShare: { kind: 'fixed-split' },
    });
  });
});
