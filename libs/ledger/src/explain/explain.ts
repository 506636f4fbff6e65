import { type Finding, type TraceStep } from '@ledger/domain';
import { StreamNotFound, type EventStore } from '@ledger/event-store';

export interface SourceEvent {
  id: string;
  stream: string;
  revision: number;
  position: number;
  type: string;
}

/**
 * Finds the stored events behind a decision trace, so every step names the positions an auditor can
 * fetch, prove (GET /v1/audit/proof/:position) and replay to. Reads only the streams the model read.
 */
export async function sourceEvents(
  store: EventStore,
  streams: Iterable<string>,
  ids: ReadonlySet<string>,
  asOfPosition: number,
): Promise<Map<string, SourceEvent>> {
  const found = new Map<string, SourceEvent>();
  for (const stream of streams) {
    try {
      for (const e of await store.readStream(stream)) {
        if (e.position <= asOfPosition && ids.has(e.id))
          found.set(e.id, { id: e.id, stream: e.stream, revision: e.revision, position: e.position, type: e.type });
      }
    } catch (error) {
      if (!(error instanceof StreamNotFound)) throw error;
    }
  }
  return found;
}

export const idsOf = (steps: readonly TraceStep[], findings: readonly Finding[]): Set<string> =>
  new Set([...steps.flatMap((s) => s.sourceEventIds), ...findings.flatMap((f) => f.sourceEventIds)]);

/** Each step and finding with its source events resolved to stream, revision and position. */
export function withSources<T extends { sourceEventIds: string[] }>(
  items: readonly T[],
  sources: ReadonlyMap<string, SourceEvent>,
): (T & { sources: SourceEvent[] })[] {
  return items.map((item) => ({
    ...item,
    sources: item.sourceEventIds.map((id) => sources.get(id)).filter((s): s is SourceEvent => s !== undefined),
  }));
}
