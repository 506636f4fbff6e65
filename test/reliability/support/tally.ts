import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

/** Read by test/jest/reliability-summary-reporter.js, which prints the totals after the run. */
const TALLY_FILE = join(__dirname, '..', '..', '..', '.jest-reliability.jsonl');

export type TallyMetric =
  | 'crashesSurvived'
  | 'acknowledgedEventsChecked'
  | 'acknowledgedEventsLost'
  | 'fuzzCases'
  | 'serverErrors'
  | 'tamperPlanted'
  | 'tamperDetected';

/**
 * Adds to a figure of the reliability summary. Specs record what they checked before asserting on it,
 * so a failing run still reports the loss, the 5xx or the undetected tamper that failed it.
 */
export function tally(metric: TallyMetric, count: number): void {
  appendFileSync(TALLY_FILE, `${JSON.stringify({ metric, count })}\n`);
}
