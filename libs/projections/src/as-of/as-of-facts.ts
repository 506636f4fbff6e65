import { type FactsLookup } from '@ledger/domain';

/** Folded states answered as of a position, which may lie after the last event they folded. */
export class AsOfFacts implements FactsLookup {
  constructor(
    private readonly folded: FactsLookup,
    readonly position: number,
  ) {}

  state<S>(stream: string): S | undefined {
    return this.folded.state<S>(stream);
  }

  linkedFrom(stream: string, prefix: string): string[] {
    return this.folded.linkedFrom(stream, prefix);
  }
}
