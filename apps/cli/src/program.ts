import { Command } from 'commander';
import { type CliIo } from './cli-io';
import { registerKeysCommand } from './commands/keys';
import { registerSeedCommand } from './commands/seed';
import { registerExplainCommand } from './commands/explain';
import { registerExportCommand } from './commands/export';
import { registerRebuildCommand } from './commands/rebuild';
import { registerReplayCommand } from './commands/replay';
import { registerRulesCommand } from './commands/rules';
import { registerVerifyCommand } from './commands/verify';

/**
 * The `ledger` program. Each command registers itself from its own file under commands/; add a
 * command by writing `commands/<name>.ts` with a `register…Command(program, io)` and listing it here.
 */
export function createProgram(io: CliIo): Command {
  const program = new Command('ledger')
    .description('Procurement Ledger operator and auditor tools')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  registerSeedCommand(program, io);
  registerKeysCommand(program, io);
  registerReplayCommand(program, io);
  registerExplainCommand(program, io);
  registerVerifyCommand(program, io);
  registerExportCommand(program, io);
  registerRebuildCommand(program, io);
  registerRulesCommand(program, io);
  return program;
}
