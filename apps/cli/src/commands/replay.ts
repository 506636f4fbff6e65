import { type Command } from 'commander';
import { StreamNotFound } from '@ledger/event-store';
import { productionCatalog } from '@ledger/ledger';
import { CliError, type CliIo } from '../cli-io';
import { resolveDataDir, withStore } from '../data-dir';
import { foldLedger, parseAsOf } from '../ledger-facts';

interface ReplayOptions {
  frn?: string;
  stream?: string;
  model?: string;
  asOf?: string;
  dataDir?: string;
}

/** `ledger replay`: a read model (or a stream's raw events) exactly as it stood at a position or instant. */
export function registerReplayCommand(program: Command, io: CliIo): void {
  const models = productionCatalog().readModels.map((m) => m.name);
  program
    .command('replay')
    .description('Replay history: a funding request, any read model, or a raw stream as of a position or instant')
    .option('--frn <id>', 'a funding request (the funding-request model of frn-<id>)')
    .option('--stream <stream>', 'a stream, e.g. program-ms-connects: its read model with --model, else its raw events')
    .option('--model <name>', `read model to render at --stream: ${models.join(', ')}`)
    .option('--as-of <positionOrInstant>', 'global position or ISO-8601 instant (default: now)')
    .option('--data-dir <dir>', 'data directory holding events.sqlite')
    .action(async (options: ReplayOptions) => {
      if (!options.frn === !options.stream) throw new CliError('Give exactly one of --frn <id> or --stream <stream>');
      const asOf = parseAsOf(options.asOf);
      const root = options.frn ? `frn-${options.frn}` : (options.stream ?? '');
      const modelName = options.frn ? 'funding-request' : options.model;
      await withStore(resolveDataDir(options.dataDir, io), async (store) => {
        if (!modelName) {
          const events = await store.readStream(root).catch((error: unknown) => {
            if (error instanceof StreamNotFound) throw new CliError(`Stream ${root} has no events`);
            throw error;
          });
          const upTo = events.filter((e) =>
            typeof asOf === 'number' ? e.position <= asOf : typeof asOf === 'string' ? e.recordedAt <= asOf : true,
          );
          io.stdout.write(`${JSON.stringify({ stream: root, asOf: asOf ?? null, events: upTo }, null, 2)}\n`);
          return;
        }
        const model = productionCatalog().readModel(modelName);
        if (!model) throw new CliError(`Unknown read model ${modelName}; choose one of ${models.join(', ')}`);
        const { facts, position } = await foldLedger(store, asOf);
        const body = model.render(root, facts);
        if (body === undefined)
          throw new CliError(`${root} has no events${asOf === undefined ? '' : ` as of ${String(asOf)}`}`);
        io.stdout.write(
          `${JSON.stringify({ model: model.name, id: root, position, asOf: asOf ?? null, data: body }, null, 2)}\n`,
        );
      });
    });
}
