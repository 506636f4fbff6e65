import { linkTargetsOf, type StreamDefinition } from './decider';
import { type Envelope } from './envelope';
import { type FactsLookup } from './facts';
import { foldStoredEvent, type StoredEventFold } from './fold-stored-event';

/** The prefix of a stream name: `frn` for `frn-2025-001`. */
export const streamPrefix = (stream: string): string => {
  const dash = stream.indexOf('-');
  return dash < 0 ? stream : stream.slice(0, dash);
};

/**
 * Stream states folded in memory from envelopes, in position order. As-of replay and domain specs
 * use it; the projector keeps the same states in its SQLite store, folded by the same rule.
 */
export class FoldedFacts implements FactsLookup {
  private readonly states = new Map<string, unknown>();
  private readonly links = new Map<string, string[]>();
  private readonly stops = new Map<string, StoredEventFold & { kind: 'stopped' }>();
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

  /**
   * Folds one (upcast) event into its stream's state as the projector does: a type the stream does not
   * know leaves the state as it was, a malformed event stops the stream and every later event of it
   * answers that stop. Events of streams outside the catalog are ignored (undefined).
   */
  apply(event: Envelope): StoredEventFold | undefined {
    const definition = this.definitionOf(event.stream);
    if (event.position > this.lastPosition) this.lastPosition = event.position;
    if (!definition) return undefined;
    const stop = this.stops.get(event.stream);
    if (stop) return stop;
    const before = this.states.get(event.stream) ?? definition.decider.initialState;
    const folded = foldStoredEvent(definition, before, event);
    // The projector holds a row for a stream from its first event on, whatever that event's verdict.
    this.states.set(event.stream, folded.kind === 'folded' ? folded.state : before);
    if (folded.kind === 'stopped') this.stops.set(event.stream, folded);
    if (folded.kind !== 'folded') return folded;
    for (const target of linkTargetsOf(definition, before, folded.state)) {
      const sources = this.links.get(target) ?? [];
      if (!sources.includes(event.stream)) this.links.set(target, [...sources, event.stream]);
    }
    return folded;
  }

  state<S>(stream: string): S | undefined {
    return this.states.get(stream) as S | undefined;
  }

  linkedFrom(stream: string, prefix: string): string[] {
    return (this.links.get(stream) ?? []).filter((s) => streamPrefix(s) === prefix);
  }
}
