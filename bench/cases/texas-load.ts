import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import { productionCatalog, seedScenario, writePathFor } from '@ledger/ledger';
import { caseMain } from '../harness/case-process';
import { type TexasInput, type TexasLoadOutcome } from './inputs';

/**
 * `ledger seed --scenario texas`: the story generated lazily and every append posted through the API's
 * write path (validation, deciders, idempotency) into a fresh store, NORMAL durability as seeding uses.
 * Generation is timed with the load: the generator yields as the write path consumes.
 */
caseMain<TexasInput, TexasLoadOutcome>(async ({ dir, seed, scale }) => {
  for (const name of ['events.sqlite', 'events.sqlite-wal', 'events.sqlite-shm'])
    rmSync(join(dir, name), { force: true });
  const store = SqliteEventStore.open({ file: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
  try {
    const started = process.hrtime.bigint();
    const summary = await seedScenario(writePathFor(store, productionCatalog()), 'texas', { seed, scale });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    let stored = 0;
    for await (const _event of store.readAll()) stored += 1;
    return { appends: summary.appends, facts: summary.events, stored, seconds };
  } finally {
    await store.close();
  }
});
