import { type Observable } from 'rxjs';

/** A read model as served: the body, the position it reflects, and an ETag of its bytes. */
export interface RenderedModel {
  model: string;
  rootStream: string;
  position: number;
  etag: string;
  body: unknown;
}

/** What the projector committed: the newest position and the streams whose state changed. */
export interface LedgerChange {
  position: number;
  streams: string[];
}

/**
 * Read models for HTTP and live endpoints. `render` over the live read-model store (or as of a past
 * position or ISO timestamp); `changes$` after every projector batch; `watch` emits a model each time
 * its rendered bytes change, starting with the current one.
 */
export abstract class ReadModelSource {
  abstract render(model: string, rootStream: string, options?: { asOf?: string }): Promise<RenderedModel | undefined>;
  abstract readonly changes$: Observable<LedgerChange>;
  /** Each version's `position` is the model's own: the newest event among the streams it was rendered from. */
  abstract watch(model: string, rootStream: string): Observable<RenderedModel>;
}
