import { DomainError, InvalidEventData, type FieldError } from '@ledger/domain';
import {
  DuplicateEventId,
  InvalidAppend,
  StoreClosed,
  StoreUnavailable,
  WrongExpectedVersion,
} from '@ledger/event-store';
import { isApplicationError, type ApplicationError } from '@ledger/ledger';

/** Why a write through the write path failed, worded for a terminal (the API words the same errors as problem+json). */
export interface ErrorDescription {
  /** What went wrong, in a few words. */
  title: string;
  /** The particulars: the error's own message. */
  detail: string;
  /** The refusal's code, when there is one (a domain refusal's, rule-set-invalid). */
  code?: string;
  fieldErrors: FieldError[];
  /**
   * The ledger already holds something this clashes with (a decided fact, a used key, an event id): running it again as
   * is will not help.
   */
  clash: boolean;
}

const REFUSED = 'The ledger refuses this fact';
const NOT_VALID = 'The request is not valid';

const described = (title: string, error: Error, more: Partial<ErrorDescription> = {}): ErrorDescription => ({
  title,
  detail: error.message,
  fieldErrors: [],
  clash: false,
  ...more,
});

function describeApplicationError(error: ApplicationError): ErrorDescription {
  switch (error.kind) {
    case 'key-may-not-write-stream':
      return described('This API key may not do that', error);
    case 'unknown-stream-kind':
      return described('No such stream kind', error);
    case 'invalid-stream-name':
    case 'invalid-events':
    case 'invalid-request':
      return described(NOT_VALID, error, { fieldErrors: error.fieldErrors });
    case 'batch-too-large':
      return described('Too many events in one append', error);
    case 'request-in-progress':
      return described('Another try of this request is in progress', error, { clash: true });
    case 'idempotency-key-reused':
      return described('The idempotency key was used for another request', error, { clash: true });
    case 'stream-takes-no-facts':
      return described('This stream takes no new facts: it stopped at a malformed stored event', error, {
        clash: true,
      });
    case 'invalid-rule-set':
      return described(REFUSED, error, { code: error.code, fieldErrors: error.fieldErrors, clash: true });
  }
}

export function describeError(error: unknown): ErrorDescription {
  if (isApplicationError(error)) return describeApplicationError(error);
  if (error instanceof InvalidEventData)
    return described(`The ${error.eventType} event is not valid`, error, { fieldErrors: error.fieldErrors });
  if (error instanceof DomainError) return described(REFUSED, error, { code: error.code, clash: true });
  if (error instanceof WrongExpectedVersion) return described('The stream has moved on', error);
  if (error instanceof DuplicateEventId)
    return described('An event with this id is already recorded', error, { clash: true });
  if (error instanceof InvalidAppend) return described(NOT_VALID, error);
  if (error instanceof StoreUnavailable || error instanceof StoreClosed)
    return described('The event store is unavailable', error);
  return error instanceof Error
    ? described('Unexpected error', error)
    : { title: 'Unexpected error', detail: String(error), fieldErrors: [], clash: false };
}
