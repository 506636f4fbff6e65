import { type FactsLookup } from '@ledger/domain';
import { type EventStore } from '@ledger/event-store';
import { ReadModelStore, StreamStopped } from '@ledger/projections';
import { productionCatalog } from '@ledger/ledger';
import { CliError } from './cli-io';

export interface FoldedLedger {
  facts: FactsLookup;
  /** The position the facts reflect (the last event folded). */
  position: number;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** `--as-of` as the API takes it: a global position, or an ISO-8601 instant with a time zone. */
export function parseAsOf(raw: string | undefined): number | string | undefined {
  if (raw === undefined) return undefined;
  if (/^\d{1,15}$/.test(raw)) return Number(raw);
  if (ISO_INSTANT.test(raw) && !Number.isNaN(Date.parse(raw))) return new Date(raw).toISOString();
  throw new CliError(`--as-of must be a global position or an ISO-8601 instant with a time zone, not "${raw}"`);
}

const BATCH = 10_000;

/**
 * Every stream state folded from the store's log up to a position or instant, in memory, by the same
 * fold the projector runs (unknown event types skipped, a malformed event stopping its stream). The CLI
 * works on a data directory without touching the server's read-model file, so a running API and an
 * auditor's replay never share a writer.
 */
export async function foldLedger(store: EventStore, asOf: number | string | undefined): Promise<FoldedLedger> {
  const catalog = productionCatalog();
  const models = ReadModelStore.open({ file: ':memory:', catalog: catalog.streams, upcasters: catalog.upcasters });
  let batch = models.beginBatch();
  let position = 0;
  for await (const event of store.readAll()) {
    if (typeof asOf === 'number' && event.position > asOf) break;
    if (typeof asOf === 'string' && event.recordedAt > asOf) break;
    batch.add(event);
    position = event.position;
    if (batch.events >= BATCH) {
      models.commitBatch(batch);
      batch = models.beginBatch();
    }
  }
  models.commitBatch(batch);
  return { facts: new WithheldWhereStopped(models), position };
}

/** Refuses, with the reason and position, to show figures built on a stream stopped at a malformed event. */
class WithheldWhereStopped implements FactsLookup {
  constructor(private readonly models: ReadModelStore) {}

  get position(): number {
    return this.models.position;
  }

  state<S>(stream: string): S | undefined {
    const stop = this.models.stopped(stream);
    if (stop) throw new CliError(new StreamStopped(stop.stream, stop.position, stop.eventType, stop.reason).message);
    return this.models.state<S>(stream);
  }

  linkedFrom(stream: string, prefix: string): string[] {
    return this.models.linkedFrom(stream, prefix);
  }
}
