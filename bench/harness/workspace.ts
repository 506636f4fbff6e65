import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root, from dist/bench/harness (compiled) or bench/harness (ts-jest). */
export const repoRoot = (): string => {
  const up = __dirname.includes(`${join('dist', 'bench')}`) ? '../../..' : '../..';
  return resolve(__dirname, up);
};

/**
 * Where benches keep their databases and the generated corpus: a real disk (fsync must cost what it
 * costs in production), outside the work tree. BENCH_DIR overrides it.
 */
export const benchDir = (): string => {
  const dir = process.env['BENCH_DIR'] ?? join(tmpdir(), 'procurement-ledger-bench');
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** A fresh directory for one measurement, emptied first so no run reuses another's files. */
export const freshDir = (name: string): string => {
  const dir = join(benchDir(), name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** bench/results (git-ignored), or BENCH_RESULTS_DIR: the smoke test keeps its results out of the work tree. */
export const resultsDir = (): string => {
  const dir = process.env['BENCH_RESULTS_DIR'] ?? join(repoRoot(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  return dir;
};
