import { InvalidArgumentError, type Command } from 'commander';
import { KeyRegistry, type Role, ROLES } from '@ledger/ledger';
import { CliError, type CliIo } from '../cli-io';
import { resolveDataDir, withStore } from '../data-dir';

const parseRole = (value: string): Role => {
  const role = ROLES.find((r) => r === value);
  if (!role) throw new InvalidArgumentError(`unknown role; choose one of ${ROLES.join(', ')}`);
  return role;
};

const nonEmpty = (value: string): string => {
  if (value.trim() === '') throw new InvalidArgumentError('must not be empty');
  return value;
};

/** `ledger keys create|revoke|list`: API keys are ledger events, so the CLI manages them on the store directly. */
export function registerKeysCommand(program: Command, io: CliIo): void {
  const keys = program.command('keys').description('Issue, revoke and list API keys');
  const dataDirOf = (command: Command): string =>
    resolveDataDir((command.optsWithGlobals() as { dataDir?: string }).dataDir, io);

  keys
    .command('create')
    .description('Issue a key; the secret is printed once and only its hash is recorded')
    .requiredOption('--role <role>', ROLES.join(' | '), parseRole)
    .requiredOption('--label <label>', 'who or what the key is for', nonEmpty)
    .option('--stream-prefix <prefix>', 'limit an integration key to streams starting with this prefix', nonEmpty)
    .option('--data-dir <dir>', 'data directory holding events.sqlite')
    .action(async (options: { role: Role; label: string; streamPrefix?: string }, command: Command) => {
      if (options.streamPrefix !== undefined && options.role !== 'integration')
        throw new CliError('--stream-prefix limits where a key may write, so only integration keys take one');
      const issued = await withStore(dataDirOf(command), (store) =>
        new KeyRegistry(store).issue(options.role, options.label, options.streamPrefix),
      );
      io.stdout.write(
        `Issued ${issued.role} key ${issued.keyId} (${issued.label}${issued.streamPrefix ? `, streams ${issued.streamPrefix}*` : ''}).\n` +
          `Key (shown once, store it now): ${issued.key}\n`,
      );
    });

  keys
    .command('revoke')
    .description('Revoke a key by its id; requests with it are refused from then on')
    .argument('<keyId>', 'the key id shown by `ledger keys list`')
    .option('--reason <reason>', 'why the key is revoked', 'Revoked with ledger keys revoke')
    .option('--data-dir <dir>', 'data directory holding events.sqlite')
    .action(async (keyId: string, options: { reason: string }, command: Command) => {
      const revoked = await withStore(dataDirOf(command), (store) =>
        new KeyRegistry(store).revoke(keyId, options.reason),
      );
      if (!revoked) throw new CliError(`No active key ${keyId}; see ledger keys list`);
      io.stdout.write(`Revoked key ${keyId}.\n`);
    });

  keys
    .command('list')
    .description('List every key issued, with its role, label, stream limit and status')
    .option('--json', 'print JSON')
    .option('--data-dir <dir>', 'data directory holding events.sqlite')
    .action(async (options: { json?: boolean }, command: Command) => {
      const all = await withStore(dataDirOf(command), (store) => new KeyRegistry(store).list());
      if (options.json) {
        io.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
        return;
      }
      if (all.length === 0) {
        io.stdout.write('No keys issued.\n');
        return;
      }
      for (const k of all)
        io.stdout.write(
          `${k.keyId}\t${k.role}\t${k.revoked ? 'revoked' : 'active'}\t${k.label}${k.streamPrefix ? `\tstreams ${k.streamPrefix}*` : ''}\n`,
        );
    });
}
