import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MachineDetails } from './machine';
import { type BenchOptions, type BenchReport } from './report';
import { type Verdict } from './verdicts';

/** One bench of a run: its report and verdicts, or the error that stopped it. */
export interface BenchOutcome {
  name: string;
  report?: BenchReport & { verdicts: Verdict[] };
  error?: string;
  seconds: number;
}

/** What `npm run bench` writes to bench/results/bench-<start>.json. */
export interface ResultsRecord {
  startedAt: string;
  finishedAt: string;
  argv: string[];
  options: BenchOptions;
  machine: MachineDetails;
  outcomes: BenchOutcome[];
}

export const readResults = (file: string): ResultsRecord => JSON.parse(readFileSync(file, 'utf8')) as ResultsRecord;

/** The newest results file of a directory (names sort by start time), if any. */
export function newestResults(dir: string): string | undefined {
  const files = readdirSync(dir)
    .filter((f) => /^bench-.*\.json$/.test(f))
    .sort();
  const newest = files[files.length - 1];
  return newest === undefined ? undefined : join(dir, newest);
}
