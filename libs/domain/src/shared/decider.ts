import { type DomainEvent, type Envelope } from './envelope';
import { type FieldError } from './errors';

/**
 * Integrations post facts; the command for every stream is "record this fact". A decider refuses
 * only impossible facts (throws DomainError) and otherwise returns the events to append — usually the
 * fact itself. Rule breaches are not refusals: they surface as findings in projections.
 */
export interface RecordFact<E extends DomainEvent = DomainEvent> {
  type: 'RecordFact';
  /** The stream the fact is posted to, e.g. `frn-2025-001`. */
  stream: string;
  event: E;
  /** The envelope metadata known before append (occurredAt, ruleSet, actor…), for deciders that check dates. */
  metadata: Envelope['metadata'];
}

/**
 * States of other streams a decision needs (e.g. an order needs its program and applicant), folded
 * from the event store at decision time. Absent key = the stream has no events.
 */
export type RelatedStates = ReadonlyMap<string, unknown>;

export interface Decider<E extends DomainEvent, S> {
  initialState: S;
  /** Streams whose current state `decide` needs besides its own, named from the command and own state. */
  related?: (command: RecordFact<E>, state: S) => string[];
  decide: (command: RecordFact<E>, state: S, related: RelatedStates) => E[];
  /** Folds one stored event into the stream's state. States are plain JSON so they can be stored and compared. */
  evolve: (state: S, event: Envelope<E>) => S;
}

/** Shape check of one event's data against the catalog: an empty list means valid. */
export type EventDataValidator = (data: unknown) => FieldError[];

/**
 * Everything the write path, the projector and the API need to know about one kind of stream.
 * `links` names the streams this stream's state refers to (an FRN → its applicant and provider), so
 * projections can index the reverse direction (an applicant → its FRNs) without knowing the domain.
 */
export interface StreamDefinition<E extends DomainEvent = DomainEvent, S = unknown> {
  /** Stream name prefix, e.g. `frn` for `frn-<id>`. */
  prefix: string;
  /** One line for OpenAPI and error messages. */
  description: string;
  /** Every event type the stream accepts, each with its data validator and an example payload. */
  events: Record<
    E['type'],
    { validate: EventDataValidator; example: E['data']; schemaVersion: number; description: string }
  >;
  decider: Decider<E, S>;
  links: (state: S) => string[];
  /**
   * The targets one event may have added to `links`: at least every target of `links(after)` that
   * `links(before)` lacks. A stream whose links grow with a list (a program's allocations) names only
   * the new entries, so indexing links costs the same on its 800th event as on its first. Without it
   * every event takes the whole of `links(after)`.
   */
  linksAdded?: (before: S, after: S) => string[];
}

/** The targets to index after one event (duplicates and targets indexed before are the caller's to skip). */
export const linkTargetsOf = <S>(definition: StreamDefinition<DomainEvent, S>, before: S, after: S): string[] =>
  definition.linksAdded ? definition.linksAdded(before, after) : definition.links(after);

export type EventSpec = StreamDefinition['events'][string];

/** The catalog entry of an event type in a stream, or undefined for a type the stream does not know (own keys only). */
export const eventSpecOf = (definition: StreamDefinition, type: string): EventSpec | undefined =>
  Object.prototype.hasOwnProperty.call(definition.events, type)
    ? (definition.events as Record<string, EventSpec>)[type]
    : undefined;
