import { runCase, type CaseOutput } from '../harness/case-process';
import { ensureCorpus } from '../harness/corpus';
import { ensurePeerInstalled, peerInstalled } from '../harness/peer';
import { type Bench, type Measurement, type SkippedBar, rssBar, toMiB } from '../harness/report';
import { type Bar } from '../harness/verdicts';
import { type Throughput } from '../harness/throughput';
import { type BatchAppendInput, type EmmettAppendInput, type EmmettThroughput } from '../cases/inputs';

const BATCH = 100;

const EMMETT_BARS = [
  'batch append vs emmett-sqlite, default connections',
  'batch append vs emmett-sqlite, one reused connection',
] as const;

/**
 * Batch appends of the corpus, 100 events per append, all at synchronous=FULL, each in its own process.
 * Full mode installs the emmett peer on first use (network); quick mode needs no network, so it compares
 * with emmett only when bench/peer is already installed and says so when it is not.
 */
export const appendBench: Bench = async ({ events, quick }) => {
  const withPeer = !quick || peerInstalled();
  if (withPeer) ensurePeerInstalled();
  const corpus = ensureCorpus(events);
  const input: BatchAppendInput = { corpus, batchSize: BATCH };
  const raw = await runCase<BatchAppendInput, Throughput>('append-raw-sqlite', input);
  const ledger = await runCase<BatchAppendInput, Throughput>('append-ledger', input);
  const emmett = withPeer
    ? {
        default: await runCase<EmmettAppendInput, EmmettThroughput>('append-emmett', {
          ...input,
          connection: 'default',
        }),
        reused: await runCase<EmmettAppendInput, EmmettThroughput>('append-emmett', { ...input, connection: 'reused' }),
      }
    : undefined;
  const figure = (subject: string, out: CaseOutput<Throughput>): Measurement => ({
    subject,
    metric: 'batch append',
    value: out.result.perSecond,
    unit: 'events/s',
    peakRssMiB: toMiB(out.peakRssBytes),
    details: { ...out.result },
  });
  const emmettBars: Bar[] = emmett
    ? [
        {
          kind: 'at-least-ratio',
          label: EMMETT_BARS[0],
          measured: ledger.result.perSecond,
          baseline: emmett.default.result.perSecond,
          minimum: 3,
        },
        {
          kind: 'at-least-ratio',
          label: EMMETT_BARS[1],
          measured: ledger.result.perSecond,
          baseline: emmett.reused.result.perSecond,
          minimum: 3,
        },
      ]
    : [];
  const skipped: SkippedBar[] = emmett
    ? []
    : EMMETT_BARS.map((label) => ({
        label,
        reason:
          'bench/peer is not installed and quick mode does not install it (no network); run the full bench once, or `npm ci --legacy-peer-deps` in bench/peer',
      }));
  return {
    name: 'append',
    title: `Batch append: ${events.toLocaleString('en-US')} events, ${BATCH} per append, WAL + synchronous=FULL`,
    measurements: [
      figure('ledger SqliteEventStore', ledger),
      figure('raw better-sqlite3 insert loop', raw),
      ...(emmett
        ? [
            figure('emmett-sqlite 0.42.4 (default connections)', emmett.default),
            figure('emmett-sqlite 0.42.4 (one reused connection)', emmett.reused),
          ]
        : []),
    ],
    bars: [
      {
        kind: 'at-least-ratio',
        label: 'batch append vs raw better-sqlite3',
        measured: ledger.result.perSecond,
        baseline: raw.result.perSecond,
        minimum: 0.7,
      },
      ...emmettBars,
      rssBar('batch append (ledger process)', toMiB(ledger.peakRssBytes)),
    ],
    skipped,
    notes: [
      emmett
        ? `emmett connections ran with PRAGMA synchronous=${emmett.default.result.synchronous}/${emmett.reused.result.synchronous} (2 = FULL); its unawaited journal_mode PRAGMA failed on a busy file ${emmett.default.result.unwaitedPragmaFailures}/${emmett.reused.result.unwaitedPragmaFailures} times (harmless, counted) and made a COMMIT fail ${emmett.default.result.busyRetries}/${emmett.reused.result.busyRetries} times (emmett rolled back, the batch was appended again, the time counted).`
        : 'emmett-sqlite was not measured: bench/peer is not installed (see the skipped bars).',
      'Only time inside the append calls is counted; reading the corpus between calls is not.',
    ],
  };
};
