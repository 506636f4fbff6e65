import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import { ReadModels, ReadModelStore, READ_MODELS_FILE, rebuild } from '@ledger/projections';
import { productionCatalog } from '@ledger/ledger';
import { caseMain } from '../harness/case-process';
import { throughput } from '../harness/throughput';
import { type LedgerDataInput, type RebuildOutcome } from './inputs';

/** `ledger rebuild` as the API runs it: every read model folded from position 0 into a fresh file, then swapped in. */
caseMain<LedgerDataInput, RebuildOutcome>(async ({ dir }) => {
  const file = join(dir, READ_MODELS_FILE);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  const eventStore = SqliteEventStore.open({ file: join(dir, 'events.sqlite'), synchronous: 'FULL' });
  const models = new ReadModels(
    ReadModelStore.open({ file, catalog: productionCatalog().streams, upcasters: productionCatalog().upcasters }),
  );
  const head = await eventStore.headPosition();
  const started = process.hrtime.bigint();
  const result = await rebuild({ eventStore, models });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  models.close();
  await eventStore.close();
  return { ...throughput(head, seconds), digest: result.digest, position: result.position };
});
