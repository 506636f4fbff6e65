import { type ExpectedRevision } from './port';

export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

export class WrongExpectedVersion extends EventStoreError {
  readonly code = 'wrong_expected_version';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual revision; undefined when it does not exist. */
    readonly actual: number | undefined,
  ) {
    super(`Stream ${stream}: expected revision ${String(expected)}, actual ${actual ?? 'no stream'}`);
  }
}

export class StreamNotFound extends EventStoreError {
  readonly code = 'stream_not_found';
  constructor(readonly stream: string) {
    super(`Stream ${stream} not found`);
  }
}

export class DuplicateEventId extends EventStoreError {
  readonly code = 'duplicate_event_id';
  constructor(readonly eventId: string) {
    super(`An event with id ${eventId} is already stored`);
  }
}

export class InvalidAppend extends EventStoreError {
  readonly code = 'invalid_append';
  constructor(message: string) {
    super(message);
  }
}

export class StoreClosed extends EventStoreError {
  readonly code = 'store_closed';
  constructor() {
    super('The event store is closed');
  }
}

/** Raised on open when the data directory or file cannot be used; start-up reports it and stops. */
export class StoreUnavailable extends EventStoreError {
  readonly code = 'store_unavailable';
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
  }
}
