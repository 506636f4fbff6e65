import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import { demoStreams } from '@ledger/scenarios';
import { runLedgerCli as ledger } from '../testing/run-ledger-cli';

async function inStore<T>(dir: string, read: (store: SqliteEventStore) => Promise<T>): Promise<T> {
  const store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ledger seed', () => {
  it('loads the demo scenario through the write path and records nothing twice when run again', async () => {
    const first = await ledger(['seed', '--scenario', 'demo', '--data-dir', dir]);
    expect(first).toEqual(expect.objectContaining({ code: 0, err: '' }));
    expect(first.out).toMatch(/Seeded demo \(seed 1, scale 1\) into .*: \d+ appends recorded, 0 already recorded/);
    expect(first.out).toContain('/dashboard?program=demo-tx1-operation-connectivity');
    expect(first.out).toContain('/v1/funding-requests/demo-er1-00001/explain');
    const head = await inStore(dir, (s) => s.headPosition());
    const frn = await inStore(dir, (s) => s.readStream(demoStreams(1).cleanFundingRequest));
    expect(frn[0]).toEqual(expect.objectContaining({ type: 'FundingRequestDrafted' }));
    expect(frn[0]!.metadata).toEqual(
      expect.objectContaining({ source: 'demo-generator', actor: 'internal-demo-generator' }),
    );

    const again = await ledger(['seed', '--scenario', 'demo', '--data-dir', dir]);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/: 0 appends recorded, \d+ already recorded/);
    expect(await inStore(dir, (s) => s.headPosition())).toBe(head);
  });

  it('uses DATA_DIR when --data-dir is not given, and another seed adds its own streams beside the first', async () => {
    expect((await ledger(['seed', '--scenario', 'mlti', '--scale', '0.02'], { DATA_DIR: dir })).code).toBe(0);
    const afterFirst = await inStore(dir, (s) => s.headPosition());
    expect(
      (await ledger(['seed', '--scenario', 'mlti', '--scale', '0.02', '--seed', '2'], { DATA_DIR: dir })).code,
    ).toBe(0);
    expect(await inStore(dir, (s) => s.headPosition())).toBeGreaterThan(afterFirst);
    expect(
      await inStore(dir, (s) => s.streamRevision('contract-mlti2-naspo-learning-technology')),
    ).toBeGreaterThanOrEqual(0);
  });

  it('stops with a clear error when the data directory holds the same scenario and seed at another scale', async () => {
    expect((await ledger(['seed', '--scenario', 'mlti', '--scale', '0.02', '--data-dir', dir])).code).toBe(0);
    const head = await inStore(dir, (s) => s.headPosition());
    const clash = await ledger(['seed', '--scenario', 'mlti', '--scale', '0.04', '--data-dir', dir]);
    expect(clash.code).toBe(1);
    expect(clash.err).toMatch(
      /seeding mlti stopped: The ledger refuses this fact: contract-mlti1-naspo-learning-technology is already awarded.*use another --seed or --data-dir/,
    );
    expect(await inStore(dir, (s) => s.headPosition())).toBe(head);
  });

  it.each([
    [['seed', '--scenario', 'atlantis'], /unknown scenario; choose one of demo, texas, mississippi, mlti, erate/],
    [['seed', '--scenario', 'texas', '--scale', '0'], /--scale.*must be a number greater than 0/],
    [['seed', '--scenario', 'texas', '--scale', '-1'], /must be a number greater than 0/],
    [['seed', '--scenario', 'texas', '--scale', 'lots'], /must be a number greater than 0/],
    [['seed', '--scenario', 'texas', '--seed', '1.5'], /--seed.*must be a non-negative integer/],
    [['seed'], /required option '--scenario <name>' not specified/],
  ])('refuses %j with a clear message, a non-zero exit and nothing written', async (args, message) => {
    const run = await ledger([...args, '--data-dir', dir]);
    expect(run.code).not.toBe(0);
    expect(run.err).toMatch(message);
    expect(existsSync(join(dir, 'events.sqlite'))).toBe(false);
  });
});

describe('ledger keys', () => {
  it('creates, lists and revokes keys on the store of the data directory', async () => {
    const created = await ledger([
      'keys',
      'create',
      '--role',
      'integration',
      '--label',
      'Vendor ERP',
      '--stream-prefix',
      'order-',
      '--data-dir',
      dir,
    ]);
    expect(created.code).toBe(0);
    const keyId = /Issued integration key (\S+) \(Vendor ERP, streams order-\*\)/.exec(created.out)?.[1];
    expect(keyId).toBeDefined();
    expect(created.out).toMatch(/Key \(shown once, store it now\): \S+/);

    const listed = await ledger(['keys', 'list', '--json', '--data-dir', dir]);
    expect(JSON.parse(listed.out)).toEqual([
      { keyId, role: 'integration', label: 'Vendor ERP', streamPrefix: 'order-', revoked: false },
    ]);
    expect(listed.out).not.toContain('secret');

    expect(await ledger(['keys', 'revoke', keyId!, '--data-dir', dir])).toEqual(
      expect.objectContaining({ code: 0, out: `Revoked key ${keyId}.\n` }),
    );
    expect((await ledger(['keys', 'list', '--data-dir', dir])).out).toBe(
      `${keyId}\tintegration\trevoked\tVendor ERP\tstreams order-*\n`,
    );
  });

  it('refuses an unknown role, an empty label and revoking a key that is not active', async () => {
    const badRole = await ledger(['keys', 'create', '--role', 'superuser', '--label', 'x', '--data-dir', dir]);
    expect(badRole.code).not.toBe(0);
    expect(badRole.err).toMatch(/unknown role; choose one of integration, dashboard, auditor, admin/);
    const emptyLabel = await ledger(['keys', 'create', '--role', 'auditor', '--label', ' ', '--data-dir', dir]);
    expect(emptyLabel.code).not.toBe(0);
    expect(emptyLabel.err).toMatch(/--label.*must not be empty/);
    const revoke = await ledger(['keys', 'revoke', 'nokey', '--data-dir', dir]);
    expect(revoke).toEqual(
      expect.objectContaining({ code: 1, err: 'error: No active key nokey; see ledger keys list\n' }),
    );
  });

  it('says so when no key was ever issued', async () => {
    expect(await ledger(['keys', 'list', '--data-dir', dir])).toEqual(
      expect.objectContaining({ code: 0, out: 'No keys issued.\n' }),
    );
  });
});
