import { runLedgerCli, type CliRun } from '../../../apps/cli/testing/run-ledger-cli';

/** Runs `ledger <args>` in this process (another process than a child-process server on the same data dir). */
export const ledgerCli = (...args: string[]): Promise<CliRun> => runLedgerCli(args);

/** Issues a key with `ledger keys create` and returns it with its id. */
export async function issueKeyWithCli(
  dataDir: string,
  role: string,
  label: string,
  streamPrefix?: string,
): Promise<{ key: string; keyId: string }> {
  const result = await ledgerCli(
    'keys',
    'create',
    '--role',
    role,
    '--label',
    label,
    ...(streamPrefix ? ['--stream-prefix', streamPrefix] : []),
    '--data-dir',
    dataDir,
  );
  const key = /Key \(shown once, store it now\): (pl_([0-9a-f]{16})_\S+)/.exec(result.out);
  if (result.code !== 0 || !key?.[1] || !key[2])
    throw new Error(`ledger keys create failed (${result.code}): ${result.out}${result.err}`);
  return { key: key[1], keyId: key[2] };
}
