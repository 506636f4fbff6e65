import { type FactsLookup } from '@ledger/domain';

/**
 * Passes lookups through and remembers what a render asked for: as-of replay needs the states it read
 * and its link queries (to fold the linking streams too); explain, exports and live models need every
 * stream it named, to find source events and to re-render only when one of them changes.
 */
export class RecordingFacts implements FactsLookup {
  /** Every stream the render named, its state read or its links asked for, in the order first named. */
  readonly touched = new Set<string>();
  /** The streams whose state the render read. */
  readonly streams = new Set<string>();
  readonly linkQueries: Array<{ stream: string; prefix: string }> = [];

  constructor(private readonly inner: FactsLookup) {}

  get position(): number {
    return this.inner.position;
  }

  state<S>(stream: string): S | undefined {
    this.touched.add(stream);
    this.streams.add(stream);
    return this.inner.state<S>(stream);
  }

  linkedFrom(stream: string, prefix: string): string[] {
    this.touched.add(stream);
    this.linkQueries.push({ stream, prefix });
    return this.inner.linkedFrom(stream, prefix);
  }
}
