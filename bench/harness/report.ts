import { type Bar } from './verdicts';

/** One figure of a bench: who was measured, how fast (or slow), and how much memory its process peaked at. */
export interface Measurement {
  subject: string;
  metric: string;
  value: number;
  unit: string;
  /** Peak RSS of the process that did the work, in MiB. */
  peakRssMiB?: number;
  /** Anything else worth keeping in the JSON (event counts, latency distributions, settings). */
  details?: Record<string, unknown>;
}

/** A bar a run could not judge, and why: printed and recorded beside the verdicts, never dropped. */
export interface SkippedBar {
  label: string;
  reason: string;
}

export interface BenchReport {
  name: string;
  title: string;
  measurements: Measurement[];
  bars: Bar[];
  notes: string[];
  skipped?: SkippedBar[];
}

export interface BenchOptions {
  /** Events in the corpus the bench appends, rebuilds or replays. */
  events: number;
  /** Shorter HTTP/SSE runs and fewer samples (with a smaller `events`): for a quick look, not for the record. */
  quick: boolean;
}

export type Bench = (options: BenchOptions) => Promise<BenchReport>;

export const MiB = 1024 * 1024;
export const toMiB = (bytes: number): number => bytes / MiB;

/** docs/architecture.md, quality bars: RSS ≤ 512 MB throughout, for every ledger process. */
export const RSS_CEILING_MIB = 512;

export const rssBar = (label: string, peakRssMiB: number): Bar => ({
  kind: 'at-most',
  label: `${label}: peak RSS`,
  measured: peakRssMiB,
  maximum: RSS_CEILING_MIB,
  unit: 'MiB',
});
