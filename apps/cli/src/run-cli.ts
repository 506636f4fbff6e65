import { CommanderError } from 'commander';
import { InvalidScenarioOptions } from '@ledger/scenarios';
import { CliError, type CliIo } from './cli-io';
import { createProgram } from './program';

/**
 * Runs the CLI on `argv` (as process.argv: node, script, args…) and returns the exit code instead of
 * exiting, so tests drive it in-process. User errors print one line; anything else prints its stack.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await createProgram(io).parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CliError || error instanceof InvalidScenarioOptions) {
      io.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    io.stderr.write(`ledger failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}
