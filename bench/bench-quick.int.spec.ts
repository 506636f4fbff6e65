import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResults, type ResultsRecord } from './harness/results-file';

/**
 * The benchmark code runs end to end: every bench of `npm run bench -- --quick`, over the smallest
 * corpus, in a throw-away bench directory. It checks what a run must leave behind (figures, verdicts,
 * a results file naming the machine), never how fast anything was: speed is the bench's own business.
 * Runs the compiled suite, as `npm run bench` does (`npm test` builds first).
 */
const RUN = join(__dirname, '..', 'dist', 'bench', 'run.js');
const BENCHES = ['append', 'http', 'rebuild', 'as-of', 'sse', 'texas'];
const EMMETT_BARS = [
  'batch append vs emmett-sqlite, default connections',
  'batch append vs emmett-sqlite, one reused connection',
];

function runQuick(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN, '--quick', '--events', '1000'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run bench -- --quick (smoke)', () => {
  let work: string;
  let run: Awaited<ReturnType<typeof runQuick>>;
  let results: ResultsRecord;

  beforeAll(async () => {
    if (!existsSync(RUN))
      throw new Error(`${RUN} is missing: build first (npm run build; npm test does it in pretest)`);
    work = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
    run = await runQuick({ BENCH_DIR: join(work, 'data'), BENCH_RESULTS_DIR: join(work, 'results') });
    const files = existsSync(join(work, 'results')) ? readdirSync(join(work, 'results')) : [];
    if (files.length !== 1)
      throw new Error(
        `Expected one results file, found ${files.length}; exit ${run.code}\n${run.stdout}\n${run.stderr}`,
      );
    results = readResults(join(work, 'results', files[0]!));
  }, 240_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('exits 0 with no bench failed, and prints every bench and the quality bars', () => {
    expect({
      code: run.code,
      failed: results.outcomes.filter((o) => o.error).map((o) => `${o.name}: ${o.error}`),
    }).toEqual({ code: 0, failed: [] });
    for (const name of BENCHES) expect(run.stdout).toContain(`## ${name}: `);
    expect(run.stdout).toContain('## Quality bars');
  });

  it('writes the results file with the run options and the machine it ran on', () => {
    expect(results.options).toEqual({ quick: true, events: 1000 });
    expect(results.machine).toEqual(
      expect.objectContaining({ node: process.version, cpuModel: expect.any(String) as string }),
    );
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.machine.memoryBytes).toBeGreaterThan(0);
  });

  it('gives each bench finite measurements and a verdict per bar, and judges or names as skipped every emmett ratio', () => {
    expect(results.outcomes.map((o) => o.name)).toEqual(BENCHES);
    for (const outcome of results.outcomes) {
      const report = outcome.report!;
      expect({
        bench: outcome.name,
        measured: report.measurements.length > 0,
        judged: report.verdicts.length === report.bars.length && report.bars.length > 0,
      }).toEqual({
        bench: outcome.name,
        measured: true,
        judged: true,
      });
      for (const m of report.measurements)
        expect({ bench: outcome.name, subject: m.subject, finite: Number.isFinite(m.value) }).toEqual({
          bench: outcome.name,
          subject: m.subject,
          finite: true,
        });
    }
    const append = results.outcomes.find((o) => o.name === 'append')!.report!;
    const accounted = [...append.verdicts.map((v) => v.label), ...(append.skipped ?? []).map((s) => s.label)];
    for (const label of EMMETT_BARS) expect(accounted).toContainEqual(label);
    for (const s of append.skipped ?? []) expect(run.stdout).toContain(`SKIPPED  ${s.label}`);
  });

  it('loads the full Texas story: at least 700,000 devices ordered by at least 800 LEAs', () => {
    const texas = results.outcomes.find((o) => o.name === 'texas')!.report!;
    const verdict = (label: string) => texas.verdicts.find((v) => v.label === label);
    expect(verdict('texas: devices ordered and not cancelled')).toEqual(expect.objectContaining({ pass: true }));
    expect(verdict('texas: LEAs with orders')).toEqual(expect.objectContaining({ pass: true }));
  });
});
