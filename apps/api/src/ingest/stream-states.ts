import { type Envelope } from '@ledger/domain';
import { StreamNotFound, type EventStore, type RecordedEvent } from '@ledger/event-store';
import { type LedgerCatalog } from '../ledger/ledger-catalog';

export interface LoadedState {
  /** -1 when the stream has no events. */
  revision: number;
  state: unknown;
}

/** RecordedEvent is structurally an Envelope; the domain declares its own type to stay store-free. */
export const toEnvelope = (e: RecordedEvent): Envelope => e as unknown as Envelope;

/**
 * Current states of streams for the write path: folded once, cached, and caught up with the store
 * before every decision (another node or the CLI may have appended), so deciders never see stale
 * state. The append's expected revision guards the remaining race.
 */
export class StreamStates {
  private readonly cache = new Map<string, LoadedState>();

  constructor(
    private readonly store: EventStore,
    private readonly catalog: LedgerCatalog,
    private readonly capacity = 20_000,
  ) {}

  async load(stream: string): Promise<LoadedState> {
    const definition = this.catalog.definitionOf(stream);
    if (!definition) throw new Error(`No stream definition for ${stream}`);
    const cached = this.cache.get(stream) ?? { revision: -1, state: definition.decider.initialState };
    let events: RecordedEvent[] = [];
    try {
      events = await this.store.readStream(stream, { fromRevision: cached.revision + 1 });
    } catch (error) {
      if (!(error instanceof StreamNotFound)) throw error;
    }
    const loaded = events.reduce<LoadedState>((s, e) => ({ revision: e.revision, state: definition.decider.evolve(s.state, toEnvelope(e)) }), cached);
    this.remember(stream, loaded);
    return loaded;
  }

  /** Forgets a stream so the next load refolds it (after a failed append). */
  forget(stream: string): void {
    this.cache.delete(stream);
  }

  private remember(stream: string, loaded: LoadedState): void {
    this.cache.delete(stream);
    this.cache.set(stream, loaded);
    if (this.cache.size > this.capacity) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
}
