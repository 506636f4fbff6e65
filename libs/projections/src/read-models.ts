import { type Observable, Subject } from 'rxjs';
import { type FactsLookup, type ReadModel } from '@ledger/domain';
import { type ReadModelStore } from './store/read-model-store';
import { type StreamStop } from './store/stream-row';

/** Emitted after each committed batch, and once after a rebuild swaps in a new store. */
export interface ProjectionChange {
  /** The checkpoint the read models now reflect. */
  position: number;
  /** Streams whose folded state changed. */
  streams: string[];
  /** Streams that gained an incoming link, so models listing what links to them changed too. */
  linkedTo: string[];
  /** True after a rebuild swap: any model may have changed, re-render everything watched. */
  rebuilt: boolean;
  /** Streams the batch stopped at a malformed stored event. */
  stopped: StreamStop[];
}

export interface Rendered<V> {
  model: V | undefined;
  /** The position the model reflects. */
  position: number;
}

/**
 * What readers hold instead of a store: it always answers from the current store, so a rebuild can
 * swap stores under running readers. Rendering is synchronous and batches commit synchronously, so a
 * render never sees half a batch or a store in the middle of a swap.
 */
export class ReadModels implements FactsLookup {
  private store: ReadModelStore;
  private readonly changeSubject = new Subject<ProjectionChange>();
  private rebuildRun: AbortController | undefined;
  readonly changes$: Observable<ProjectionChange> = this.changeSubject.asObservable();

  constructor(store: ReadModelStore) {
    this.store = store;
  }

  get current(): ReadModelStore {
    return this.store;
  }

  get position(): number {
    return this.store.position;
  }

  state<S>(stream: string): S | undefined {
    return this.store.state<S>(stream);
  }

  linkedFrom(stream: string, prefix: string): string[] {
    return this.store.linkedFrom(stream, prefix);
  }

  stopped(stream: string): StreamStop | undefined {
    return this.store.stopped(stream);
  }

  render<V>(readModel: ReadModel<V>, rootStream: string): Rendered<V> {
    const store = this.store;
    return { model: readModel.render(rootStream, store), position: store.position };
  }

  /** Replaces the store readers see and returns the previous one (the caller closes it). */
  swap(next: ReadModelStore): ReadModelStore {
    const previous = this.store;
    this.store = next;
    this.publish({ position: next.position, streams: [], linkedTo: [], rebuilt: true, stopped: [] });
    return previous;
  }

  publish(change: ProjectionChange): void {
    this.changeSubject.next(change);
  }

  /** Marks a rebuild as running, with a signal that aborts when the holder closes; undefined when one already runs. */
  claimRebuild(): AbortSignal | undefined {
    if (this.rebuildRun) return undefined;
    this.rebuildRun = new AbortController();
    return this.rebuildRun.signal;
  }

  releaseRebuild(): void {
    this.rebuildRun = undefined;
  }

  get rebuilding(): boolean {
    return this.rebuildRun !== undefined;
  }

  close(): void {
    this.rebuildRun?.abort(new Error('the read models were closed'));
    this.changeSubject.complete();
    this.store.close();
  }
}
