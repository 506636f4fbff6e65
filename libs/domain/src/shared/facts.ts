/**
 * A read-only, synchronous view of stream states (the folds of StreamDefinition deciders) as of one
 * point. Views are pure functions over it: the projector backs it with the read-model store, as-of
 * replay with states folded from the event store up to a position. Nothing else changes.
 */
export interface FactsLookup {
  /** Position in the global log this lookup reflects (the newest event folded into any state). */
  readonly position: number;
  /** The folded state of a stream, or undefined when the stream has no events. */
  state<S>(stream: string): S | undefined;
  /** Streams with the given prefix whose state links to `stream`, in order of first link. */
  linkedFrom(stream: string, prefix: string): string[];
}
