import { fork } from 'node:child_process';
import { join } from 'node:path';
import { benchDir } from './workspace';

/** What every measurement process reports besides its own figures. */
export interface CaseOutput<R> {
  result: R;
  /** Peak resident set of the whole measuring process (getrusage maxrss). */
  peakRssBytes: number;
}

type CaseMessage<R> = { ok: true; output: CaseOutput<R> } | { ok: false; error: string };

/**
 * Runs one measurement in a fresh Node process: no JIT warm-up, heap or page cache of the process
 * is shared between the ledger and a baseline, and its peak RSS is its own. BENCH_CPU_PROF=1 writes a
 * V8 CPU profile of each case to the bench directory (open in Chrome DevTools) to see where time goes.
 */
export function runCase<I, R>(caseName: string, input: I): Promise<CaseOutput<R>> {
  const script = join(__dirname, '..', 'cases', `${caseName}.js`);
  const execArgv =
    process.env['BENCH_CPU_PROF'] === '1'
      ? [
          '--cpu-prof',
          `--cpu-prof-dir=${join(benchDir(), 'profiles')}`,
          `--cpu-prof-name=${caseName}-${Date.now()}.cpuprofile`,
        ]
      : [];
  return new Promise((resolve, reject) => {
    const child = fork(script, [JSON.stringify(input)], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.on('message', (message: CaseMessage<R>) => {
      settled = true;
      if (message.ok) resolve(message.output);
      else reject(new Error(`${caseName}: ${message.error}`));
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (!settled) reject(new Error(`${caseName} exited (${code ?? signal}) without a result`));
    });
  });
}

/** The body of a case script: reads its input, runs, reports the result and its peak RSS, exits. */
export function caseMain<I, R>(run: (input: I) => Promise<R>): void {
  const input = JSON.parse(process.argv[2] ?? '{}') as I;
  const send = (message: CaseMessage<R>): void => {
    process.send?.(message, () => process.exit(message.ok ? 0 : 1));
  };
  run(input).then(
    (result) => send({ ok: true, output: { result, peakRssBytes: process.resourceUsage().maxRSS * 1024 } }),
    (error: unknown) =>
      send({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
}
