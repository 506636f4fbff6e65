import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import { caseMain } from '../harness/case-process';
import { corpusBatches } from '../harness/corpus';
import { Stopwatch } from '../harness/timer';
import { throughput, type Throughput } from '../harness/throughput';
import { freshDir } from '../harness/workspace';
import { type BatchAppendInput } from './inputs';

/** The ledger's embedded store: one append of `batchSize` events per new stream, awaited one at a time. */
caseMain<BatchAppendInput, Throughput>(async ({ corpus, batchSize }) => {
  const store = SqliteEventStore.open({ file: join(freshDir('append-ledger'), 'events.sqlite'), synchronous: 'FULL' });
  const watch = new Stopwatch();
  let events = 0;
  let stream = 0;
  for (const batch of corpusBatches(corpus, batchSize)) {
    stream += 1;
    await watch.time(() => store.append(`bench-${stream}`, batch, { expectedRevision: 'no_stream' }));
    events += batch.length;
  }
  await store.close();
  return throughput(events, watch.seconds);
});
