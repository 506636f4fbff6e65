import { type FactsLookup } from '@ledger/domain';

/** A FactsLookup that remembers which streams a render read, so a live model re-renders only when one changes. */
export class RecordingFacts implements FactsLookup {
  readonly touched = new Set<string>();

  constructor(private readonly inner: FactsLookup) {}

  get position(): number {
    return this.inner.position;
  }

  state<S>(stream: string): S | undefined {
    this.touched.add(stream);
    return this.inner.state<S>(stream);
  }

  linkedFrom(stream: string, prefix: string): string[] {
    this.touched.add(stream);
    return this.inner.linkedFrom(stream, prefix);
  }
}
