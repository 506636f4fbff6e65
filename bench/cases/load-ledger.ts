import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import { productionCatalog, SEED_PRINCIPAL, writePathFor } from '@ledger/ledger';
import { caseMain } from '../harness/case-process';
import { historyAppends, readCorpusPlan } from '../harness/corpus';
import { throughput } from '../harness/throughput';
import { type LedgerDataInput, type LoadOutcome } from './inputs';

/**
 * The ledger the rebuild and as-of benches read: every corpus append posted through the API's write
 * path (validation, deciders, metadata), as `ledger seed` does, so stored events have the shape and
 * links real ingest gives them. Each history (scenario run) goes in order; the independent histories
 * go side by side, as several programs ingesting at once would. Loaded once per corpus size, then
 * reused. NORMAL durability, as seeding uses: this is a fixture, its load time is not a bar.
 */
caseMain<LedgerDataInput, LoadOutcome>(async ({ corpus, events, dir }) => {
  const marker = join(dir, 'loaded.json');
  if (existsSync(marker)) {
    const { head, refused, examples } = JSON.parse(readFileSync(marker, 'utf8')) as LoadOutcome;
    return { head, refused, examples };
  }
  for (const name of ['events.sqlite', 'events.sqlite-wal', 'events.sqlite-shm'])
    rmSync(join(dir, name), { force: true });
  const store = SqliteEventStore.open({ file: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
  const writePath = writePathFor(store, productionCatalog());
  const started = process.hrtime.bigint();
  let facts = 0;
  let refused = 0;
  const refusals = new Map<string, string>();
  await Promise.all(
    readCorpusPlan(corpus).map(async (history) => {
      for (const append of historyAppends(history)) {
        facts += append.events.length;
        try {
          await writePath.append({
            principal: SEED_PRINCIPAL,
            stream: append.stream,
            body: { events: append.events },
            expected: undefined,
            idempotencyKey: undefined,
          });
        } catch (error) {
          // Runs of different seeds share a few entities (a provider's SPIN): the write path refuses
          // the second registration as an impossible fact, exactly as it would an integration's.
          if (refusals.size < 5) refusals.set(append.stream, error instanceof Error ? error.message : String(error));
          refused += append.events.length;
        }
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const head = await store.headPosition();
  await store.close();
  if (facts !== events) throw new Error(`The corpus held ${facts} facts, expected ${events}`);
  const examples = [...refusals.values()];
  writeFileSync(marker, JSON.stringify({ head, facts, refused, examples }));
  return { load: throughput(facts, seconds), head, refused, examples };
});
