/** Who and why, as the caller tells it; the ledger adds actor, schemaVersion and recordedAt. */
export interface NewEventMetadata {
  /** System the fact came from. */
  source?: string;
  correlationId?: string;
  causationId?: string;
  /** When the fact happened in the world (ISO-8601); picks the rule set in force. */
  occurredAt?: string;
  /** Rule set the fact is judged by; defaults to the one in force at occurredAt. */
  ruleSet?: string;
}

/** One event of an append, as the caller gives it: a type of the stream's catalog and its data. */
export interface NewEvent {
  /** Generated when absent; reusing an id is refused. */
  id?: string;
  type: string;
  data: Record<string, unknown>;
  metadata?: NewEventMetadata;
}

/**
 * The events of one append, recorded atomically, in order. An idempotent request is fingerprinted by
 * this object as given (apps/api passes its validated request body, expectedRevision included).
 */
export interface AppendEvents {
  events: NewEvent[];
}
