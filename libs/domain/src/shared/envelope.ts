/**
 * What the domain sees of a stored event. Structurally the same as the event store's RecordedEvent,
 * declared here so the domain imports nothing from the store.
 */
export interface EventMetadata {
  actor?: string;
  source?: string;
  correlationId?: string;
  causationId?: string;
  /** When the fact happened in the world (ISO-8601); rules in force are chosen by this, else recordedAt. */
  occurredAt?: string;
  schemaVersion?: number;
  ruleSet?: string;
  [key: string]: unknown;
}

export interface DomainEvent<T extends string = string, D = unknown> {
  type: T;
  data: D;
}

export interface Envelope<E extends DomainEvent = DomainEvent> {
  id: string;
  stream: string;
  revision: number;
  position: number;
  type: E['type'];
  data: E['data'];
  metadata: EventMetadata;
  recordedAt: string;
}

/** The date a fact took effect: its occurredAt when given, else when it was recorded. */
export const effectiveInstant = (e: Pick<Envelope, 'metadata' | 'recordedAt'>): string =>
  typeof e.metadata.occurredAt === 'string' ? e.metadata.occurredAt : e.recordedAt;
