import { PassThrough } from 'node:stream';
import { runCli } from '../src/run-cli';

/** What one `ledger` command did: its exit code and everything it wrote. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs `ledger <args>` in this process with captured output and only the environment given (never the
 * test runner's), so a spec sees exactly what a user at a terminal would.
 */
export async function runLedgerCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await runCli(['node', 'ledger', ...args], { stdout, stderr, env });
  return { code, out, err };
}
