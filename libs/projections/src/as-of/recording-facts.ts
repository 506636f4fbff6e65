import { type FactsLookup } from '@ledger/domain';

/** Passes lookups through and remembers which streams and link queries a render made. */
export class RecordingFacts implements FactsLookup {
  readonly streams = new Set<string>();
  readonly linkQueries: Array<{ stream: string; prefix: string }> = [];

  constructor(private readonly inner: FactsLookup) {}

  get position(): number {
    return this.inner.position;
  }

  state<S>(stream: string): S | undefined {
    this.streams.add(stream);
    return this.inner.state<S>(stream);
  }

  linkedFrom(stream: string, prefix: string): string[] {
    this.linkQueries.push({ stream, prefix });
    return this.inner.linkedFrom(stream, prefix);
  }
}
