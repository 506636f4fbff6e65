import { randomUUID } from 'node:crypto';
import { type StreamDefinition, type RecordFact } from '../src/shared/decider';
import { type DomainEvent, type Envelope, type EventMetadata } from '../src/shared/envelope';
import { InvalidEventData } from '../src/shared/errors';
import { FoldedFacts } from '../src/shared/folded-facts';

export interface FactToRecord {
  stream: string;
  type: string;
  data: unknown;
  metadata?: EventMetadata;
}

/**
 * Given/when/then harness for domain specs. Each fact goes through the same path as an HTTP append:
 * data validation, the stream's decider (with the related states it asks for), then folding. So a
 * spec that records an impossible fact sees the DomainError the API would turn into a 422.
 */
export class Scenario {
  readonly facts: FoldedFacts;
  readonly recorded: Envelope[] = [];
  private readonly revisions = new Map<string, number>();

  constructor(private readonly definitions: readonly StreamDefinition[]) {
    this.facts = new FoldedFacts(definitions);
  }

  given(...facts: FactToRecord[]): this {
    for (const fact of facts) this.record(fact);
    return this;
  }

  /** Records one fact and returns the envelopes it produced (usually the fact itself). */
  record(fact: FactToRecord): Envelope[] {
    const definition = this.facts.definitionOf(fact.stream);
    if (!definition) throw new Error(`No stream definition for ${fact.stream}`);
    const eventSpec = (definition.events as Record<string, StreamDefinition['events'][string] | undefined>)[fact.type];
    if (!eventSpec)
      throw new InvalidEventData(fact.type, [
        { field: 'type', message: `is not an event of ${definition.prefix} streams` },
      ]);
    const errors = eventSpec.validate(fact.data);
    if (errors.length > 0) throw new InvalidEventData(fact.type, errors);
    const metadata: EventMetadata = { schemaVersion: eventSpec.schemaVersion, ...fact.metadata };
    const state = this.facts.state(fact.stream) ?? definition.decider.initialState;
    const command: RecordFact = {
      type: 'RecordFact',
      stream: fact.stream,
      event: { type: fact.type, data: fact.data } as DomainEvent,
      metadata,
    };
    const related = new Map<string, unknown>();
    for (const s of definition.decider.related?.(command, state) ?? []) {
      const st = this.facts.state(s);
      if (st !== undefined) related.set(s, st);
    }
    const produced = definition.decider.decide(command, state, related);
    return produced.map((event) => {
      const revision = (this.revisions.get(fact.stream) ?? -1) + 1;
      this.revisions.set(fact.stream, revision);
      const envelope: Envelope = {
        id: randomUUID(),
        stream: fact.stream,
        revision,
        position: this.recorded.length + 1,
        type: event.type,
        data: event.data,
        metadata,
        recordedAt: typeof metadata.occurredAt === 'string' ? metadata.occurredAt : '2025-01-01T00:00:00.000Z',
      };
      this.recorded.push(envelope);
      this.facts.apply(envelope);
      return envelope;
    });
  }

  /** The id of the last recorded event of a type, for asserting source event ids. */
  idOf(type: string, nth = -1): string {
    const matching = this.recorded.filter((e) => e.type === type);
    const found = matching.at(nth);
    if (!found) throw new Error(`No ${type} recorded`);
    return found.id;
  }
}

export const fact = (stream: string, type: string, data: unknown, metadata?: EventMetadata): FactToRecord => ({
  stream,
  type,
  data,
  metadata,
});
