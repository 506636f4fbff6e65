/**
 * The event store port. Every adapter (sqlite, memory, eventstoredb) implements it and passes the
 * contract suite in `libs/event-store/testing`.
 *
 * Positions are global, strictly increasing integers (gaps allowed: EventStoreDB's log positions are
 * sparse). Revisions are per stream, gap-free from 0.
 */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface EventToAppend {
  /** UUID; generated when absent. A second event with the same id is refused (DuplicateEventId). */
  id?: string;
  type: string;
  data: JsonObject;
  metadata?: JsonObject;
}

export interface RecordedEvent {
  id: string;
  stream: string;
  revision: number;
  position: number;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
  /** ISO-8601 instant at which the store committed the event. */
  recordedAt: string;
}

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event written: the expected revision for the next append. */
  nextExpectedRevision: number;
  /** Global position of each appended event, in order. */
  positions: number[];
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** Inclusive. Defaults to 0 forwards, the last revision backwards. */
  fromRevision?: number;
  direction?: ReadDirection;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Inclusive: events at or after this position. Defaults to the start. */
  fromPosition?: number;
  maxCount?: number;
}

export interface SubscribeOptions {
  /**
   * Exclusive checkpoint: delivery starts with the first event *after* this position, as in
   * EventStoreDB. Pass the last position you processed to resume; omit to start from the beginning.
   */
  fromPosition?: number;
}

/** Catches up from the store, then delivers live appends, in position order, with no gap and no duplicate. */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  append(stream: string, events: readonly EventToAppend[], options?: AppendOptions): Promise<AppendResult>;
  /** Throws StreamNotFound when the stream has no events. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** Revision of the stream's last event, or undefined when the stream does not exist. */
  streamRevision(stream: string): Promise<number | undefined>;
  /** Position of the last committed event, or 0 for an empty store. */
  headPosition(): Promise<number>;
  close(): Promise<void>;
}
