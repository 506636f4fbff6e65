import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCase } from '../harness/case-process';
import { ensureCorpus } from '../harness/corpus';
import { type Measurement, toMiB } from '../harness/report';
import { benchDir } from '../harness/workspace';
import { type LedgerDataInput, type LoadOutcome } from '../cases/inputs';

export interface LedgerData {
  input: LedgerDataInput;
  head: number;
  refused: number;
  examples: string[];
  /** The load itself, when this run did it (it is cached between runs). */
  loadMeasurement?: Measurement;
}

/**
 * The realistic ledger of `events` corpus facts, loaded through the write path once and shared by rebuild and as-of.
 */
export async function ensureLedgerData(events: number): Promise<LedgerData> {
  const corpus = ensureCorpus(events);
  const dir = join(benchDir(), `ledger-${events}`);
  mkdirSync(dir, { recursive: true });
  const input: LedgerDataInput = { corpus, events, dir };
  const out = await runCase<LedgerDataInput, LoadOutcome>('load-ledger', input);
  const { head, refused, examples } = out.result;
  if (!out.result.load) return { input, head, refused, examples };
  return {
    input,
    head,
    refused,
    examples,
    loadMeasurement: {
      subject: 'ledger write path (in-process, sequential, NORMAL)',
      metric: 'fixture load',
      value: out.result.load.perSecond,
      unit: 'facts/s',
      peakRssMiB: toMiB(out.peakRssBytes),
      details: { ...out.result.load, head, refused, examples },
    },
  };
}
