import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FoldedFacts, type StreamDefinition } from '@ledger/domain';
import { type EventStore, InMemoryEventStore, type RecordedEvent } from '@ledger/event-store';
import { type Fact, sampleHistory } from './accounts-ledger';

export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'projections-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Appends facts one append each, in order (so every fact gets its own position). */
export async function appendAll(store: EventStore, facts: readonly Fact[]): Promise<number[]> {
  const positions: number[] = [];
  for (const { stream, event } of facts) positions.push(...(await store.append(stream, [event])).positions);
  return positions;
}

export async function readLog(store: EventStore): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const event of store.readAll()) out.push(event);
  return out;
}

/** The reference fold: every event of the log, in memory, once. */
export function foldAll(catalog: readonly StreamDefinition[], log: readonly RecordedEvent[]): FoldedFacts {
  const facts = new FoldedFacts(catalog);
  for (const event of log) facts.apply({ ...event, metadata: event.metadata });
  return facts;
}

/** The accounts ledger's sample history as recorded events. */
export async function sampleLog(): Promise<RecordedEvent[]> {
  const events = new InMemoryEventStore();
  await appendAll(events, sampleHistory());
  return readLog(events);
}
