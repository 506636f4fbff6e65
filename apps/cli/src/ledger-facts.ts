import { FoldedFacts } from '@ledger/domain';
import { type EventStore } from '@ledger/event-store';
import { productionCatalog } from '../../api/src/ledger/production-catalog';
import { toEnvelope } from '../../api/src/ingest/stream-states';
import { CliError } from './cli-io';

export interface FoldedLedger {
  facts: FoldedFacts;
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

/**
 * Every stream state folded from the store's log up to a position or instant, in memory. The CLI
 * works on a data directory without touching the server's read-model file, so a running API and an
 * auditor's replay never share a writer.
 */
export async function foldLedger(store: EventStore, asOf: number | string | undefined): Promise<FoldedLedger> {
  const facts = new FoldedFacts(productionCatalog().streams);
  let position = 0;
  for await (const event of store.readAll()) {
    if (typeof asOf === 'number' && event.position > asOf) break;
    if (typeof asOf === 'string' && event.recordedAt > asOf) break;
    facts.apply(toEnvelope(event));
    position = event.position;
  }
  return { facts, position };
}
