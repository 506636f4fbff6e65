import { ErrorType, isCommandError, type WrongExpectedVersionError } from '@eventstore/db-client';
import { status } from '@grpc/grpc-js';
import { DuplicateEventId, InvalidAppend, StoreUnavailable, StreamNotFound, WrongExpectedVersion } from '../../errors';
import { type ExpectedRevision } from '../../port';
import { toSafeNumber } from './esdb-mapping';

export interface ErrorContext {
  stream?: string;
  expected?: ExpectedRevision;
}

/**
 * The marker a server uses to refuse an event id that is already stored. A real EventStoreDB never sends it
 * (its idempotency is per stream and best-effort, see the esdb-double README); the test double does, because
 * it keeps the port's promise of globally unique ids. Append replies it as a gRPC ALREADY_EXISTS status;
 * BatchAppend can only carry a status message, which the client wraps as "Could not recognize <message>".
 */
export const DUPLICATE_EVENT_ID = 'duplicate-event-id';

/** gRPC statuses of a connection that is down or going away; the call may succeed on another try. */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([
  status.UNAVAILABLE,
  status.DEADLINE_EXCEEDED,
  status.CANCELLED,
]);

/**
 * Translates the client's CommandErrors into the port's typed errors. The client lets some transport
 * failures through unwrapped (BatchAppend on a lost connection rejects with the raw gRPC status error),
 * so those are recognised by their status code; anything else passes through.
 */
export function mapEsdbError(error: unknown, context: ErrorContext = {}): unknown {
  if (!(error instanceof Error)) return error;
  if (!isCommandError(error)) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'number' && TRANSIENT_STATUSES.has(code)
      ? new StoreUnavailable(`EventStoreDB is unavailable: ${error.message}`, error)
      : error;
  }
  switch (error.type) {
    case ErrorType.WRONG_EXPECTED_VERSION:
      return wrongExpectedVersion(error, context);
    case ErrorType.STREAM_NOT_FOUND:
      return new StreamNotFound(context.stream ?? error.streamName);
    case ErrorType.UNAVAILABLE:
    case ErrorType.DEADLINE_EXCEEDED:
    case ErrorType.TIMEOUT:
    case ErrorType.NOT_LEADER:
    case ErrorType.CANCELLED:
      return new StoreUnavailable(`EventStoreDB is unavailable: ${error.message}`, error);
    case ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED:
      return new InvalidAppend(`The append exceeds EventStoreDB's maximum append size of ${error.maxAppendSize} bytes`);
    case ErrorType.UNKNOWN: {
      const duplicate = duplicateEventId(error.code, error.message);
      return duplicate ? new DuplicateEventId(duplicate) : error;
    }
    // Configuration or misuse the ledger never provokes on its own streams (ACLs, deleted streams,
    // persistent subscriptions, users): surfaced unchanged so the operator sees EventStoreDB's own words.
    case ErrorType.ACCESS_DENIED:
    case ErrorType.INVALID_ARGUMENT:
    case ErrorType.INVALID_TRANSACTION:
    case ErrorType.MAXIMUM_SUBSCRIBERS_REACHED:
    case ErrorType.MISSING_REQUIRED_METADATA_PROPERTY:
    case ErrorType.NO_STREAM:
    case ErrorType.PERSISTENT_SUBSCRIPTION_DOES_NOT_EXIST:
    case ErrorType.PERSISTENT_SUBSCRIPTION_DROPPED:
    case ErrorType.PERSISTENT_SUBSCRIPTION_EXISTS:
    case ErrorType.PERSISTENT_SUBSCRIPTION_FAILED:
    case ErrorType.SCAVENGE_NOT_FOUND:
    case ErrorType.STREAM_DELETED:
    case ErrorType.UNSUPPORTED:
    case ErrorType.USER_CONFLICT:
    case ErrorType.USER_NOT_FOUND:
      return error;
  }
}

function wrongExpectedVersion(error: WrongExpectedVersionError, context: ErrorContext): WrongExpectedVersion {
  const actual = error.actualVersion === 'no_stream' ? undefined : toSafeNumber(error.actualVersion, 'Stream revision');
  const expected = context.expected ?? fromClientExpected(error.expectedVersion);
  return new WrongExpectedVersion(context.stream ?? error.streamName, expected, actual);
}

function fromClientExpected(expected: WrongExpectedVersionError['expectedVersion']): ExpectedRevision {
  return typeof expected === 'bigint' ? toSafeNumber(expected, 'Expected revision') : expected;
}

const DUPLICATE = new RegExp(`${DUPLICATE_EVENT_ID}:([0-9a-f-]{36})`, 'i');

function duplicateEventId(code: number | undefined, message: string): string | undefined {
  const id = DUPLICATE.exec(message)?.[1];
  if (!id) return undefined;
  return code === undefined || code === status.ALREADY_EXISTS ? id.toLowerCase() : undefined;
}
