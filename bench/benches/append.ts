import { runCase } from '../harness/case-process';
import { ensureCorpus } from '../harness/corpus';
import { ensurePeerInstalled } from '../harness/peer';
import { type Bench, rssBar, toMiB } from '../harness/report';
import { type Throughput } from '../harness/throughput';
import { type BatchAppendInput, type EmmettAppendInput, type EmmettThroughput } from '../cases/inputs';

const BATCH = 100;

/** Batch appends of the corpus, 100 events per append, all at synchronous=FULL, each in its own process. */
export const appendBench: Bench = async ({ events }) => {
  ensurePeerInstalled();
  const corpus = ensureCorpus(events);
  const input: BatchAppendInput = { corpus, batchSize: BATCH };
  const raw = await runCase<BatchAppendInput, Throughput>('append-raw-sqlite', input);
  const ledger = await runCase<BatchAppendInput, Throughput>('append-ledger', input);
  const emmettDefault = await runCase<EmmettAppendInput, EmmettThroughput>('append-emmett', { ...input, connection: 'default' });
  const emmettReused = await runCase<EmmettAppendInput, EmmettThroughput>('append-emmett', { ...input, connection: 'reused' });
  const figure = (subject: string, out: { result: Throughput; peakRssBytes: number }) => ({
    subject,
    metric: 'batch append',
    value: out.result.perSecond,
    unit: 'events/s',
    peakRssMiB: toMiB(out.peakRssBytes),
    details: { ...out.result },
  });
  return {
    name: 'append',
    title: `Batch append: ${events.toLocaleString('en-US')} events, ${BATCH} per append, WAL + synchronous=FULL`,
    measurements: [
      figure('ledger SqliteEventStore', ledger),
      figure('raw better-sqlite3 insert loop', raw),
      figure('emmett-sqlite 0.42.4 (default connections)', emmettDefault),
      figure('emmett-sqlite 0.42.4 (one reused connection)', emmettReused),
    ],
    bars: [
      { kind: 'at-least-ratio', label: 'batch append vs raw better-sqlite3', measured: ledger.result.perSecond, baseline: raw.result.perSecond, minimum: 0.7 },
      { kind: 'at-least-ratio', label: 'batch append vs emmett-sqlite, default connections', measured: ledger.result.perSecond, baseline: emmettDefault.result.perSecond, minimum: 3 },
      { kind: 'at-least-ratio', label: 'batch append vs emmett-sqlite, one reused connection', measured: ledger.result.perSecond, baseline: emmettReused.result.perSecond, minimum: 3 },
      rssBar('batch append (ledger process)', toMiB(ledger.peakRssBytes)),
    ],
    notes: [
      `emmett connections ran with PRAGMA synchronous=${emmettDefault.result.synchronous}/${emmettReused.result.synchronous} (2 = FULL); its unawaited journal_mode PRAGMA failed on a busy file ${emmettDefault.result.unwaitedPragmaFailures}/${emmettReused.result.unwaitedPragmaFailures} times (harmless, counted).`,
      'Only time inside the append calls is counted; reading the corpus between calls is not.',
    ],
  };
};
