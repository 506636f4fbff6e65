import Database from 'better-sqlite3';
import { join } from 'node:path';
import { linkTargetsOf, type StreamDefinition, streamPrefix } from '@ledger/domain';
import { type RawEventRow, toRecordedEvent } from '@ledger/event-store';
import { toEnvelope } from '@ledger/projections';
import { productionCatalog } from '@ledger/ledger';
import { caseMain } from '../harness/case-process';
import { throughput, type Throughput } from '../harness/throughput';
import { type LedgerDataInput } from './inputs';

/**
 * The fold limit: the raw read + JSON.parse, plus what no rebuild can skip — each event folded by its
 * stream's decider and the links it adds taken, as the rebuild takes them — with every state held in memory. No
 * stored-event
 * checks, nothing written, no digest: what is left between this and the rebuild is the read-model store.
 */
caseMain<LedgerDataInput, Throughput>(async ({ dir }) => {
  const db = new Database(join(dir, 'events.sqlite'), { readonly: true, fileMustExist: true });
  const definitions = new Map<string, StreamDefinition>(productionCatalog().streams.map((d) => [d.prefix, d]));
  const states = new Map<string, unknown>();
  const started = process.hrtime.bigint();
  let events = 0;
  let links = 0;
  for (const row of db.prepare('SELECT * FROM events ORDER BY position').iterate() as IterableIterator<RawEventRow>) {
    events += 1;
    const definition = definitions.get(streamPrefix(row.stream));
    if (!definition) continue;
    const envelope = toEnvelope(toRecordedEvent(row));
    const before = states.has(row.stream) ? states.get(row.stream) : structuredClone(definition.decider.initialState);
    const after = definition.decider.evolve(before, envelope);
    links += linkTargetsOf(definition, before, after).length;
    states.set(row.stream, after);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  if (states.size === 0 || links === 0) throw new Error('The fold produced no states or no links');
  return throughput(events, seconds);
});
