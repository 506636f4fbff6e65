import { type ResultsRecord } from './results-file';
import { GENERATED_END, GENERATED_START, replaceGenerated, resultsMarkdown } from './results-markdown';
import { judge } from './verdicts';

const ratio = judge({
  kind: 'at-least-ratio',
  label: 'batch append vs raw better-sqlite3',
  measured: 80,
  baseline: 100,
  minimum: 0.7,
});
const record: ResultsRecord = {
  startedAt: '2026-11-25T10:00:00.000Z',
  finishedAt: '2026-11-25T10:00:45.000Z',
  argv: ['--quick'],
  options: { quick: true, events: 20_000 },
  machine: {
    cpuModel: 'Test CPU',
    cores: 2,
    memoryBytes: 2 * 2 ** 30,
    node: 'v20.0.0',
    os: 'linux x64',
    benchDirFilesystem: 'ext4 /dev/vda',
  },
  outcomes: [
    {
      name: 'append',
      seconds: 9,
      report: {
        name: 'append',
        title: 'Batch append',
        measurements: [
          { subject: 'ledger | store', metric: 'batch append', value: 40_912, unit: 'events/s', peakRssMiB: 104.2 },
        ],
        bars: [],
        verdicts: [ratio],
        skipped: [
          { label: 'batch append vs emmett-sqlite, default connections', reason: 'bench/peer is not installed' },
        ],
        notes: ['a note'],
      },
    },
    { name: 'sse', seconds: 1, error: 'Error: boom' },
  ],
};

describe('resultsMarkdown', () => {
  const markdown = resultsMarkdown(record, 'bench/results/x.json');

  it('says the run was quick and indicative, with its command, machine and source', () => {
    expect(markdown).toContain('`npm run bench -- --quick`, 20,000 corpus events, **quick — indicative only**');
    expect(markdown).toContain(
      'Machine: Test CPU, 2 cores, 2 GiB RAM, Node v20.0.0, linux x64, bench data on ext4 /dev/vda.',
    );
    expect(markdown).toContain('Source: `bench/results/x.json`');
  });

  it('tables each bench with escaped cells, lists verdicts, skipped bars and notes, and shows a failed bench’s error', () => {
    expect(markdown).toContain('| ledger \\| store | batch append | 40,900 | events/s | 104 |');
    expect(markdown).toContain('- pass — batch append vs raw better-sqlite3: 80% (target ≥ 70%)');
    expect(markdown).toContain(
      '- **skipped** — batch append vs emmett-sqlite, default connections: bench/peer is not installed',
    );
    expect(markdown).toContain('### sse: FAILED\n\n```\nError: boom\n```');
    expect(markdown).toContain('| batch append vs emmett-sqlite, default connections |  |  | skipped |');
  });
});

describe('replaceGenerated', () => {
  it('replaces only the text between the markers', () => {
    const doc = `# Title\n${GENERATED_START}\nold figures\n${GENERATED_END}\nHow to read`;
    expect(replaceGenerated(doc, 'new figures')).toBe(
      `# Title\n${GENERATED_START}\nnew figures\n${GENERATED_END}\nHow to read`,
    );
  });

  it('refuses a document without both markers in order', () => {
    expect(() => replaceGenerated('# Title', 'x')).toThrow(/needs the markers/);
    expect(() => replaceGenerated(`${GENERATED_END}\n${GENERATED_START}`, 'x')).toThrow(/needs the markers/);
  });
});
