import { SingleBar } from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { MAX_SCALE, SCENARIO_NAMES, scenarioNamed, streamIdOf } from '@ledger/scenarios';
import { countAppends, productionCatalog, recordBuiltInRuleSets, seedScenario, writePathFor } from '@ledger/ledger';
import { CliError, type CliIo } from '../cli-io';
import { resolveDataDir, withStore } from '../data-dir';
import { describeError } from '../describe-error';

export const parseScale = (value: string): number => {
  const scale = Number(value);
  if (value.trim() === '' || !Number.isFinite(scale) || scale <= 0 || scale > MAX_SCALE) {
    throw new InvalidArgumentError(
      `must be a number greater than 0 and at most ${MAX_SCALE} (1 = the seed material's scale)`,
    );
  }
  return scale;
};

export const parseSeed = (value: string): number => {
  const seed = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(seed))
    throw new InvalidArgumentError('must be a non-negative integer');
  return seed;
};

const parseScenario = (value: string): string => {
  if (!SCENARIO_NAMES.includes(value))
    throw new InvalidArgumentError(`unknown scenario; choose one of ${SCENARIO_NAMES.join(', ')}`);
  return value;
};

interface SeedOptions {
  scenario: string;
  scale: number;
  seed: number;
  dataDir?: string;
}

/** `ledger seed`: loads generated data through the API's write path into the embedded store of a data directory. */
export function registerSeedCommand(program: Command, io: CliIo): void {
  program
    .command('seed')
    .description(
      'Load a generated scenario through the write path integrations use; re-running the same seed records nothing twice',
    )
    .requiredOption('--scenario <name>', `one of ${SCENARIO_NAMES.join(', ')}`, parseScenario)
    .option('--scale <factor>', 'multiplies entity counts; 1 = seed scale (e.g. 812 Texas LEAs)', parseScale, 1)
    .option('--seed <n>', 'PRNG seed; the same seed gives the same events and ids', parseSeed, 1)
    .option('--data-dir <dir>', 'data directory holding events.sqlite (default: DATA_DIR or ./data)')
    .action(async (options: SeedOptions) => {
      await seed(options, io);
    });
}

async function seed(options: SeedOptions, io: CliIo): Promise<void> {
  const dataDir = resolveDataDir(options.dataDir, io);
  const run = { seed: options.seed, scale: options.scale };
  const scenario = scenarioNamed(options.scenario);
  const total = countAppends(scenario.name, run);
  const bar = new SingleBar({
    stream: io.stderr,
    format: `seed ${scenario.name} [{bar}] {percentage}% | {value}/{total} appends | {eta_formatted} left`,
    hideCursor: true,
  });
  const started = Date.now();
  // NORMAL durability is safe here: a crash loses at most the last commits, and a re-run with the
  // same seed records exactly what is missing (idempotency keys), so seeding need not fsync each append.
  const summary = await withStore(
    dataDir,
    async (store) => {
      const writePath = writePathFor(store, productionCatalog());
      bar.start(total, 0);
      try {
        // The CLI writes to the log, so it records the built-in rule sets first, as the API's first start does.
        await recordBuiltInRuleSets(writePath, store);
        return await seedScenario(writePath, scenario.name, run, ({ done }) => bar.update(done));
      } catch (error) {
        const failure = describeError(error);
        throw new CliError(
          `seeding ${scenario.name} stopped: ${failure.title}: ${failure.detail}${failure.clash ? ` (does ${dataDir} already hold another run of this scenario and seed at a different scale? use another --seed or --data-dir)` : ''}`,
        );
      } finally {
        bar.stop();
      }
    },
    'NORMAL',
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const fresh = summary.appends - summary.alreadyRecorded;
  io.stdout.write(
    `Seeded ${scenario.name} (seed ${run.seed}, scale ${run.scale}) into ${dataDir} in ${seconds}s: ${fresh} appends recorded, ${summary.alreadyRecorded} already recorded, ${summary.events} events in all.\n`,
  );
  const highlights = scenario.highlights(run);
  for (const p of highlights.programs) io.stdout.write(`  program dashboard: /dashboard?program=${streamIdOf(p)}\n`);
  for (const f of highlights.fundingRequests)
    io.stdout.write(`  funding request:   /v1/funding-requests/${streamIdOf(f)}/explain\n`);
  for (const a of highlights.applicants)
    io.stdout.write(`  compliance:        /v1/applicants/${streamIdOf(a)}/compliance\n`);
}
