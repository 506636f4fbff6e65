import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adoptionOf, erate2030, ERATE_RULE_SET_STREAM } from '@ledger/domain';
import { SqliteEventStore } from '@ledger/event-store';
import { runLedgerCli as ledger } from '../testing/run-ledger-cli';

async function ruleSetEvents(dir: string) {
  const store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
  try {
    return (await store.readStream(ERATE_RULE_SET_STREAM)).map((e) => [e.revision, (e.data as { id: string }).id]);
  } finally {
    await store.close();
  }
}

const fy2035 = (over: Record<string, unknown> = {}) => ({
  ...adoptionOf(erate2030, '2030-12-01'),
  id: 'erate-2035',
  description: 'E-Rate FY2031–FY2035',
  fundingYears: { first: 2031, last: 2035 },
  ...over,
});

let dir: string;
const file = (name: string, body: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(body));
  return path;
};
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-rules-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ledger rules', () => {
  it('adopt records the built-ins, then the set, through the write path; list shows it in force with its position', async () => {
    const adopted = await ledger(['rules', 'adopt', file('fy2035.json', fy2035()), '--data-dir', dir]);
    expect(adopted).toEqual({
      code: 0,
      err: '',
      out: expect.stringMatching(/^Adopted erate-2035 on ruleset-erate at position 4 \(event [0-9a-f-]{36}\)\.\n$/),
    });
    expect(await ruleSetEvents(dir)).toEqual([
      [0, 'erate-fsa-2015'],
      [1, 'erate-2025'],
      [2, 'erate-2030'],
      [3, 'erate-2035'],
    ]);

    const list = await ledger(['rules', 'list', '--data-dir', dir]);
    expect(list.code).toBe(0);
    expect(list.out).toContain('erate-2035  FY2031–FY2035  in force');
    expect(list.out).toMatch(
      /erate-2035 {2}FY2031–FY2035 {2}in force\n {2}E-Rate FY2031–FY2035\n {2}recorded at position 4 \(event [0-9a-f-]{36}, adopted 2030-12-01\)/,
    );
    expect(list.out).toContain('erate-2030  FY2026–FY2030  in force');
    expect(list.out).toContain(`  source: ${erate2030.sources[0]}`);

    const json = await ledger(['rules', 'list', '--json', '--as-of', '3', '--data-dir', dir]);
    expect(JSON.parse(json.out).ruleSets.map((r: { id: string }) => r.id)).toEqual([
      'erate-fsa-2015',
      'erate-2025',
      'erate-2030',
    ]);
  });

  it('a set with bands out of order: a CLI error naming the code and field, exit 1, the set not written', async () => {
    const [b0, b1, b2] = erate2030.params.discountMatrix;
    const bad = await ledger([
      'rules',
      'adopt',
      file('bad.json', fy2035({ params: { ...erate2030.params, discountMatrix: [b0, b2, b1] } })),
      '--data-dir',
      dir,
    ]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('rule set not adopted [rule-set-invalid]');
    expect(bad.err).toContain(
      'params.discountMatrix[2].fromBasisPoints: must be above the band before it: bands ascend',
    );
    expect((await ruleSetEvents(dir)).map(([, id]) => id)).not.toContain('erate-2035');
  });

  it('funding years overlapping an in-force set: exit 1 with rule-set-overlap, nothing written', async () => {
    expect((await ledger(['rules', 'adopt', file('ok.json', fy2035()), '--data-dir', dir])).code).toBe(0);
    const overlap = await ledger([
      'rules',
      'adopt',
      file('overlap.json', fy2035({ id: 'erate-2033', fundingYears: { first: 2033, last: 2037 } })),
      '--data-dir',
      dir,
    ]);
    expect(overlap.code).toBe(1);
    expect(overlap.err).toContain('rule set not adopted [rule-set-overlap]');
    expect(await ruleSetEvents(dir)).toHaveLength(4);
  });

  it('a file that is not JSON: exit 1 saying so', async () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{ not json');
    const run = await ledger(['rules', 'adopt', path, '--data-dir', dir]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`cannot read ${path} as JSON`);
  });
});
