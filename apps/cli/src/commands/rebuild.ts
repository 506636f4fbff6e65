import { SingleBar } from 'cli-progress';
import { type Command } from 'commander';
import { ReadModels, ReadModelStore, readModelsFile, rebuild } from '@ledger/projections';
import { productionCatalog } from '@ledger/ledger';
import { type CliIo } from '../cli-io';
import { resolveDataDir, withStore } from '../data-dir';

/**
 * `ledger rebuild`: drop and replay every read model from position 0 into a new file, then swap it in.
 * For a data directory whose server is stopped; a running server rebuilds with POST /v1/admin/rebuild
 * (it keeps serving the old models until the new ones catch up).
 */
export function registerRebuildCommand(program: Command, io: CliIo): void {
  program
    .command('rebuild')
    .description('Rebuild all read models from the event log (stop the server first, or use POST /v1/admin/rebuild)')
    .option('--data-dir <dir>', 'data directory holding events.sqlite and read-models.sqlite')
    .action(async (options: { dataDir?: string }) => {
      const dataDir = resolveDataDir(options.dataDir, io);
      await withStore(dataDir, async (store) => {
        const catalog = productionCatalog();
        const models = new ReadModels(
          ReadModelStore.open({
            file: readModelsFile(dataDir),
            catalog: catalog.streams,
            upcasters: catalog.upcasters,
          }),
        );
        const bar = new SingleBar({
          stream: io.stderr,
          format: 'rebuild [{bar}] {percentage}% | position {value}/{total} | {eta_formatted} left',
          hideCursor: true,
        });
        let started = false;
        try {
          const result = await rebuild({
            eventStore: store,
            models,
            onProgress: ({ done, total }) => {
              if (!started) {
                bar.start(total, 0);
                started = true;
              }
              bar.update(done);
            },
          });
          if (started) bar.stop();
          io.stdout.write(
            `Rebuilt read models to position ${result.position} (${result.file}); content sha256 ${result.digest}\n`,
          );
        } finally {
          if (started) bar.stop();
          models.close();
        }
      });
    });
}
