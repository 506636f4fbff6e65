import { runCase } from '../harness/case-process';
import { type Bench, rssBar, toMiB } from '../harness/report';
import { formatNumber, formatRatio } from '../harness/verdicts';
import { type Throughput } from '../harness/throughput';
import { type LedgerDataInput, type RebuildOutcome } from '../cases/inputs';
import { ensureLedgerData } from './ledger-data';

/** Rebuild of every read model from position 0, against a bare sequential read + JSON.parse of the same file. */
export const rebuildBench: Bench = async ({ events }) => {
  const data = await ensureLedgerData(events);
  const raw = await runCase<LedgerDataInput, Throughput>('read-parse-raw', data.input);
  const fold = await runCase<LedgerDataInput, Throughput>('fold-in-memory', data.input);
  const ledger = await runCase<LedgerDataInput, RebuildOutcome>('rebuild-ledger', data.input);
  return {
    name: 'rebuild',
    title: `Rebuild of all read models from ${data.head.toLocaleString('en-US')} stored events (${events.toLocaleString('en-US')} generated facts)`,
    measurements: [
      {
        subject: 'ledger rebuild (projections)',
        metric: 'rebuild',
        value: ledger.result.perSecond,
        unit: 'events/s',
        peakRssMiB: toMiB(ledger.peakRssBytes),
        details: { ...ledger.result },
      },
      {
        subject: 'raw better-sqlite3 iterate + JSON.parse',
        metric: 'read + parse',
        value: raw.result.perSecond,
        unit: 'events/s',
        peakRssMiB: toMiB(raw.peakRssBytes),
        details: { ...raw.result },
      },
      {
        subject: 'the same read + parse, folded in memory (evolve + links)',
        metric: 'read + parse + fold',
        value: fold.result.perSecond,
        unit: 'events/s',
        peakRssMiB: toMiB(fold.peakRssBytes),
        details: { ...fold.result },
      },
      ...(data.loadMeasurement ? [data.loadMeasurement] : []),
    ],
    bars: [
      {
        kind: 'at-least-ratio',
        label: 'rebuild vs raw read + JSON.parse',
        measured: ledger.result.perSecond,
        baseline: raw.result.perSecond,
        minimum: 0.5,
      },
      {
        kind: 'at-least',
        label: 'rebuild throughput',
        measured: ledger.result.perSecond,
        minimum: 100_000,
        unit: 'events/s',
      },
      rssBar('rebuild', toMiB(ledger.peakRssBytes)),
    ],
    notes: [
      `rebuild took ${ledger.result.seconds.toFixed(1)} s; raw read + parse ${raw.result.seconds.toFixed(1)} s; read + parse + fold in memory ${fold.result.seconds.toFixed(1)} s.`,
      `The fold limit — the deciders' evolve and links of every event, nothing checked or written — reaches ${formatRatio(fold.result.perSecond / raw.result.perSecond)} of raw read + parse and ${formatNumber(fold.result.perSecond)} events/s; the rebuild reaches ${formatRatio(ledger.result.perSecond / fold.result.perSecond)} of the fold limit (the rest is stored-event checks, the read-model store's writes and its digest).`,
      `The ledger was loaded through the API write path (deciders, metadata) from the generated corpus, once, and is reused by later runs; it refused ${data.refused.toLocaleString('en-US')} facts${data.examples[0] ? ` (e.g. "${data.examples[0]}")` : ''}.`,
    ],
  };
};
