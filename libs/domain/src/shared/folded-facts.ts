import { linkTargetsOf, type StreamDefinition } from './decider';
import { type Envelope } from './envelope';
import { type FactsLookup } from './facts';

/** The prefix of a stream name: `frn` for `frn-2025-001`. */
export const streamPrefix = (stream: string): string => {
  const dash = stream.indexOf('-');
  return dash < 0 ? stream : stream.slice(0, dash);
};

/**
 * Stream states folded in memory from envelopes, in position order. As-of replay and domain specs
 * use it; the projector keeps the same states in its SQLite store.
 */
export class FoldedFacts implements FactsLookup {
  private readonly states = new Map<string, unknown>();
  private readonly links = new Map<string, string[]>();
  private readonly definitions: ReadonlyMap<string, StreamDefinition>;
  private lastPosition = 0;

  constructor(definitions: readonly StreamDefinition[]) {
    this.definitions = new Map(definitions.map((d) => [d.prefix, d]));
  }

  get position(): number {
    return this.lastPosition;
  }

  definitionOf(stream: string): StreamDefinition | undefined {
    return this.definitions.get(streamPrefix(stream));
  }

  /** Folds one event into its stream's state; events of streams outside the catalog are ignored. */
  apply(event: Envelope): void {
    const definition = this.definitionOf(event.stream);
    if (event.position > this.lastPosition) this.lastPosition = event.position;
    if (!definition) return;
    const before = this.states.get(event.stream) ?? definition.decider.initialState;
    const after = definition.decider.evolve(before, event);
    this.states.set(event.stream, after);
    for (const target of linkTargetsOf(definition, before, after)) {
      const sources = this.links.get(target) ?? [];
      if (!sources.includes(event.stream)) this.links.set(target, [...sources, event.stream]);
    }
  }

  state<S>(stream: string): S | undefined {
    return this.states.get(stream) as S | undefined;
  }

  linkedFrom(stream: string, prefix: string): string[] {
    return (this.links.get(stream) ?? []).filter((s) => streamPrefix(s) === prefix);
  }
}
