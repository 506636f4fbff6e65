// Prints what the reliability suite checked (test/reliability/support/tally.ts appends the figures),
// so a run says how many crashes, acknowledged events, fuzz cases and tampered bytes it went through.
const { existsSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');

class ReliabilitySummaryReporter {
  constructor(globalConfig) {
    this.file = join(globalConfig.rootDir, '.jest-reliability.jsonl');
  }
  onRunStart() {
    rmSync(this.file, { force: true });
  }
  onRunComplete() {
    if (!existsSync(this.file)) return;
    const totals = {};
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (!line) continue;
      const { metric, count } = JSON.parse(line);
      totals[metric] = (totals[metric] ?? 0) + count;
    }
    const n = (metric) => (totals[metric] ?? 0).toLocaleString('en-US');
    const parts = [];
    if ('crashesSurvived' in totals) parts.push(`${n('crashesSurvived')} crashes survived`);
    if ('acknowledgedEventsChecked' in totals)
      parts.push(`${n('acknowledgedEventsChecked')} acknowledged events checked, ${n('acknowledgedEventsLost')} lost`);
    if ('fuzzCases' in totals) parts.push(`${n('fuzzCases')} fuzz cases, ${n('serverErrors')} 5xx`);
    if ('tamperPlanted' in totals)
      parts.push(`${n('tamperDetected')} of ${n('tamperPlanted')} tampered positions or bytes detected`);
    process.stdout.write(`\nReliability: ${parts.join('; ')}\n`);
  }
}

module.exports = ReliabilitySummaryReporter;
