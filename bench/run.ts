import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendBench } from './benches/append';
import { asOfBench } from './benches/as-of';
import { httpBench } from './benches/http';
import { rebuildBench } from './benches/rebuild';
import { sseBench } from './benches/sse';
import { texasBench } from './benches/texas';
import { parseBenchArgs, BenchUsageError } from './harness/args';
import { machineDetails } from './harness/machine';
import { type Bench, type BenchOptions, type BenchReport } from './harness/report';
import { type BenchOutcome, type ResultsRecord } from './harness/results-file';
import { renderTable } from './harness/table';
import { formatNumber, judge, type Verdict } from './harness/verdicts';
import { benchDir, resultsDir } from './harness/workspace';

/** In running order: as-of reuses the ledger and read models rebuild leaves behind. */
const BENCHES: Record<string, Bench> = {
  append: appendBench,
  http: httpBench,
  rebuild: rebuildBench,
  'as-of': asOfBench,
  sse: sseBench,
  texas: texasBench,
};

const FULL_EVENTS = 1_000_000;
/**
 * Quick mode measures nothing that counts: it shows every bench runs and prints every ratio, in under a minute on 2
 * cores.
 */
const QUICK_EVENTS = 20_000;

async function main(): Promise<number> {
  const args = parseBenchArgs(process.argv.slice(2), Object.keys(BENCHES));
  const options: BenchOptions = { quick: args.quick, events: args.events ?? (args.quick ? QUICK_EVENTS : FULL_EVENTS) };
  const machine = machineDetails(benchDir());
  const startedAt = new Date().toISOString();
  print(
    `Procurement Ledger benchmarks — ${args.names.join(', ')} — ${options.events.toLocaleString('en-US')} events${options.quick ? ' (quick)' : ''}`,
  );
  print(
    `${machine.cpuModel}, ${machine.cores} cores, ${formatNumber(machine.memoryBytes / 2 ** 30)} GiB, Node ${machine.node}, ${machine.os}; data in ${benchDir()} (${machine.benchDirFilesystem ?? '?'})\n`,
  );
  const outcomes: BenchOutcome[] = [];
  for (const name of args.names) {
    const started = Date.now();
    try {
      const report = await BENCHES[name]!(options);
      const verdicts = report.bars.map(judge);
      outcomes.push({ name, report: { ...report, verdicts }, seconds: (Date.now() - started) / 1000 });
      printReport({ ...report, verdicts });
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      outcomes.push({ name, error: message, seconds: (Date.now() - started) / 1000 });
      print(`## ${name}: FAILED\n${message}\n`);
    }
  }
  const verdicts = outcomes.flatMap((o) => o.report?.verdicts ?? []);
  const skipped = outcomes.flatMap((o) => o.report?.skipped ?? []);
  print('## Quality bars');
  print(
    renderTable(
      ['bar', 'measured', 'target', 'result'],
      [
        ...verdicts.map((v) => [v.label, v.figure, v.target, v.pass ? 'pass' : 'FAIL']),
        ...skipped.map((s) => [s.label, '', '', 'skipped']),
      ],
    ),
  );
  const file = join(resultsDir(), `bench-${startedAt.replace(/[:.]/g, '-')}.json`);
  const record: ResultsRecord = {
    startedAt,
    finishedAt: new Date().toISOString(),
    argv: process.argv.slice(2),
    options,
    machine,
    outcomes,
  };
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  print(`\nResults: ${file}`);
  print(`To put these figures in BENCHMARKS.md: node dist/bench/report-markdown.js ${file}`);
  return outcomes.some((o) => o.error !== undefined) ? 1 : 0;
}

function printReport(report: BenchReport & { verdicts: Verdict[] }): void {
  print(`## ${report.name}: ${report.title}`);
  print(
    renderTable(
      ['subject', 'metric', 'value', 'unit', 'peak RSS MiB'],
      report.measurements.map((m) => [
        m.subject,
        m.metric,
        formatNumber(m.value),
        m.unit,
        m.peakRssMiB === undefined ? '' : formatNumber(m.peakRssMiB),
      ]),
    ),
  );
  for (const v of report.verdicts) print(`  ${v.pass ? 'pass' : 'FAIL'}  ${v.label}: ${v.figure} (target ${v.target})`);
  for (const s of report.skipped ?? []) print(`  SKIPPED  ${s.label}: ${s.reason}`);
  for (const note of report.notes) print(`  note: ${note}`);
  print('');
}

const print = (line: string): void => void process.stdout.write(`${line}\n`);

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof BenchUsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(2);
  },
);
