import { type FieldError } from '@ledger/domain';
import { type StreamStopped } from '@ledger/projections';

/**
 * Why the application layer refused a request, as data: apps/api answers each with its problem+json
 * (apps/api/src/http/to-problem.ts), the CLI words it for a terminal. Only the classes of this module
 * extend it, so `isApplicationError` narrows to exactly the union below.
 */
abstract class RefusedRequest extends Error {
  abstract readonly kind: string;
}

/** An integration key limited to a stream prefix tried to write another stream. */
export class KeyMayNotWriteStream extends RefusedRequest {
  readonly kind = 'key-may-not-write-stream';
  constructor(
    readonly stream: string,
    readonly streamPrefix: string,
  ) {
    super(`This key may only write streams starting with "${streamPrefix}".`);
  }
}

/** The stream's name starts with no kind of the catalog. */
export class UnknownStreamKind extends RefusedRequest {
  readonly kind = 'unknown-stream-kind';
  constructor(
    readonly stream: string,
    readonly knownKinds: readonly string[],
  ) {
    super(`No stream kind for "${stream}". Streams are named <kind>-<id> with kind one of: ${knownKinds.join(', ')}.`);
  }
}

/** A known kind, but an id no read route can address or longer than the stores take. */
export class InvalidStreamName extends RefusedRequest {
  readonly kind = 'invalid-stream-name';
  readonly fieldErrors: FieldError[] = [{ field: 'stream', message: 'must be <kind>-<id>' }];
  constructor(readonly stream: string) {
    super(
      `"${stream}" is not a valid stream name: <kind>-<id>, the id starting with a letter or digit and made of letters, digits and . _ : @ -.`,
    );
  }
}

const invalidFields = (errors: readonly FieldError[]): string =>
  `${errors.length} invalid field${errors.length === 1 ? '' : 's'}: ${errors.map((e) => e.field).join(', ')}`;

/** Events of types the stream does not have, or whose data is not the catalog's shape. */
export class InvalidEvents extends RefusedRequest {
  readonly kind = 'invalid-events';
  constructor(readonly fieldErrors: FieldError[]) {
    super(invalidFields(fieldErrors));
  }
}

/** A request (an HTTP body, a file given to the CLI) that is not of the expected shape. */
export class InvalidRequest extends RefusedRequest {
  readonly kind = 'invalid-request';
  constructor(
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
  }

  static ofFields(fieldErrors: FieldError[]): InvalidRequest {
    return new InvalidRequest(invalidFields(fieldErrors), fieldErrors);
  }
}

/** More events in one append than the ledger takes at once. */
export class BatchTooLarge extends RefusedRequest {
  readonly kind = 'batch-too-large';
  constructor(
    readonly maximum: number,
    readonly got: number,
  ) {
    super(`At most ${maximum} events per append; got ${got}.`);
  }
}

/** Another try of the same idempotent request holds its key and has not answered yet. */
export class RequestInProgress extends RefusedRequest {
  readonly kind = 'request-in-progress';
  constructor() {
    super(
      'Another try of this request (same Idempotency-Key and body) is still in progress; retry in a few seconds to get its answer.',
    );
  }
}

/** An Idempotency-Key already used for a different request. */
export class IdempotencyKeyReused extends RefusedRequest {
  readonly kind = 'idempotency-key-reused';
  constructor() {
    super('This Idempotency-Key was already used with a different request; use a new key for a new request.');
  }
}

/**
 * The stream stopped at a malformed stored event: a fact on top of it cannot be decided, and retrying
 * will not help until the stream is corrected.
 */
export class StreamTakesNoFacts extends RefusedRequest {
  readonly kind = 'stream-takes-no-facts';
  readonly stream: string;
  readonly position: number;
  readonly eventType: string;
  readonly reason: string;
  constructor(stop: StreamStopped) {
    super(stop.message);
    this.stream = stop.stream;
    this.position = stop.position;
    this.eventType = stop.eventType;
    this.reason = stop.reason;
  }
}

/** A rule set whose figures the domain refuses (bands out of order, a rate out of range, no source). */
export class InvalidRuleSet extends RefusedRequest {
  readonly kind = 'invalid-rule-set';
  /** The refusal's code, as the domain's refusals carry one. */
  readonly code = 'rule-set-invalid';
  constructor(
    readonly ruleSetId: string,
    readonly fieldErrors: FieldError[],
  ) {
    super(`Rule set ${ruleSetId} is not valid: ${fieldErrors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
  }
}

export type ApplicationError =
  | KeyMayNotWriteStream
  | UnknownStreamKind
  | InvalidStreamName
  | InvalidEvents
  | InvalidRequest
  | BatchTooLarge
  | RequestInProgress
  | IdempotencyKeyReused
  | StreamTakesNoFacts
  | InvalidRuleSet;

export const isApplicationError = (error: unknown): error is ApplicationError => error instanceof RefusedRequest;
