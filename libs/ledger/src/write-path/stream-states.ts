import { type Envelope, foldStoredEvent, type StreamDefinition } from '@ledger/domain';
import { StreamStopped, upcasterChain } from '@ledger/projections';
import { type EventStore, type RecordedEvent } from '@ledger/event-store';
import { type LedgerCatalog } from '../catalog/ledger-catalog';
import { StreamTakesNoFacts } from '../errors';

export interface LoadedState {
  /** -1 when the stream has no events. */
  revision: number;
  state: unknown;
  /** Read from the store for this call; false when served from memory and possibly behind another writer. */
  fresh: boolean;
}

/** RecordedEvent is structurally an Envelope; the domain declares its own type to stay store-free. */
export const toEnvelope = (e: RecordedEvent): Envelope => e as unknown as Envelope;

interface Entry {
  revision: number;
  state: unknown;
  /** The stream's revision after this node's own last append, when the state has not folded it in yet. */
  behindUntil: number | undefined;
}

/**
 * Folded states of streams for the write path, cached per stream with the revision they reflect.
 *
 * A state at revision r is a true statement about the stream's first r+1 events forever (the ledger
 * never changes history); it is merely stale once someone appends. So the write path may decide on a
 * cached state without reading the store, as long as the append is guarded by that same revision:
 * the store refuses it when another writer (on this node or another API node) got there first, and the
 * caller then asks for `latest`. A stream never seen is the initial state at revision -1 on the same terms. Anything
 * refused on a state that was not fresh is decided again on
 * `latest` before the refusal is answered. After its own append this node only knows the new revision,
 * not the store's recordedAt of the events, so it reads those events back on the next use.
 */

export class StreamStates {
  private readonly cache = new Map<string, Entry>();
  private readonly upcast: ReturnType<typeof upcasterChain>;

  constructor(
    private readonly store: EventStore,
    private readonly catalog: LedgerCatalog,
    private readonly capacity = 20_000,
  ) {
    this.upcast = upcasterChain(catalog.upcasters);
  }

  /**
   * The stream's state as this node knows it, without reading the store: a stream it has never seen
   * is presumed new (the initial state at revision -1, which the no_stream guard confirms). Reads only
   * the events of this node's own last append, whose recordedAt only the store knows.
   */
  async cached(stream: string): Promise<LoadedState> {
    const entry = this.cache.get(stream);
    if (entry === undefined) return { revision: -1, state: this.foldOf(stream).decider.initialState, fresh: false };
    if (entry.behindUntil !== undefined) return this.latest(stream);
    this.touch(stream, entry);
    return { revision: entry.revision, state: entry.state, fresh: false };
  }

  /** The stream's state caught up with the store now (another node or the CLI may have appended). */
  async latest(stream: string): Promise<LoadedState> {
    const fold = this.foldOf(stream);
    const entry = this.cache.get(stream);
    const head = await this.store.streamRevision(stream);
    // A head below the cached revision means the store was replaced under this node: fold from scratch.
    const usable = entry !== undefined && head !== undefined && head >= entry.revision;
    let revision = usable ? entry.revision : -1;
    let state = usable ? entry.state : fold.decider.initialState;
    if (head !== undefined && head > revision) {
      // Only events after the cached revision are read; there are some, so the store cannot answer StreamNotFound.
      for (const event of await this.store.readStream(stream, { fromRevision: revision + 1 })) {
        // Stored events of an older schema fold in the current shape, as the projector folds them.
        const envelope = this.upcast(toEnvelope(event));
        // The write path folds as the projection does: unknown types skipped, a malformed event stops the stream.
        const folded = foldStoredEvent(fold, state, envelope);
        if (folded.kind === 'stopped')
          throw new StreamTakesNoFacts(new StreamStopped(stream, event.position, event.type, folded.reason));
        if (folded.kind === 'folded') state = folded.state;
        revision = event.revision;
      }
    }
    this.remember(stream, { revision, state, behindUntil: undefined });
    return { revision, state, fresh: true };
  }

  /** Records this node's own append: the next use reads the appended events back. */
  appended(stream: string, revision: number): void {
    const entry = this.cache.get(stream);
    if (entry) entry.behindUntil = revision;
    else
      this.remember(stream, { revision: -1, state: this.foldOf(stream).decider.initialState, behindUntil: revision });
  }

  /** Forgets a stream so the next load refolds it (after the store refused an append on a stale state). */
  forget(stream: string): void {
    this.cache.delete(stream);
  }

  private foldOf(stream: string): StreamDefinition {
    const definition = this.catalog.definitionOf(stream);
    if (!definition) throw new Error(`No stream definition for ${stream}`);
    return definition;
  }

  private touch(stream: string, entry: Entry): void {
    this.cache.delete(stream);
    this.cache.set(stream, entry);
  }

  private remember(stream: string, entry: Entry): void {
    this.touch(stream, entry);
    if (this.cache.size > this.capacity) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
}
