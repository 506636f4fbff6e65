import { HttpException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { DomainError, InvalidEventData } from '@ledger/domain';
import {
  DuplicateEventId,
  InvalidAppend,
  StoreClosed,
  StoreUnavailable,
  StreamNotFound,
  WrongExpectedVersion,
} from '@ledger/event-store';
import { isApplicationError, type ApplicationError } from '@ledger/ledger';
import { StreamStopped } from '@ledger/projections';
import { problem, ProblemException, type Problem } from './problem';

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message: string;
}

const FASTIFY_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body-too-large', 'The request body is larger than the configured limit'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported-media-type', 'Send application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid-request', 'Content-Length does not match the body'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid-request', 'The JSON body is empty'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid-json', 'The body is not valid JSON'],
};

/**
 * Maps anything thrown while serving a request to problem+json. Unknown errors become a 500 that
 * reveals nothing; the caller logs them.
 */
export function toProblem(error: unknown): Problem {
  if (error instanceof ProblemException) return error.problem;
  if (isApplicationError(error)) return applicationProblem(error);
  if (error instanceof InvalidEventData)
    return problem(400, 'invalid-event', `The ${error.eventType} event is not valid`, error.message, {
      errors: error.fieldErrors,
    });
  if (error instanceof DomainError)
    return problem(422, 'fact-refused', 'The ledger refuses this fact', error.message, {
      code: error.code,
      ...(error.ruleId ? { ruleId: error.ruleId } : {}),
    });
  if (error instanceof WrongExpectedVersion)
    return problem(412, 'stale-revision', 'The stream has moved on', error.message, {
      stream: error.stream,
      expectedRevision: error.expected,
      actualRevision: error.actual ?? null,
    });
  if (error instanceof DuplicateEventId)
    return problem(409, 'duplicate-event', 'An event with this id is already recorded', error.message, {
      eventId: error.eventId,
    });
  if (error instanceof InvalidAppend) return problem(400, 'invalid-request', 'The request is not valid', error.message);
  if (error instanceof StreamNotFound) return problem(404, 'not-found', 'Not found', error.message);
  if (error instanceof StoreUnavailable || error instanceof StoreClosed)
    return problem(503, 'store-unavailable', 'The event store is unavailable', error.message);
  if (error instanceof StreamStopped)
    return problem(
      503,
      'projection-stopped',
      'This read model is withheld: a stream it reads stopped at a malformed event',
      error.message,
      {
        stream: error.stream,
        position: error.position,
        eventType: error.eventType,
        reason: error.reason,
      },
    );
  if (error instanceof ThrottlerException)
    return problem(
      429,
      'rate-limited',
      'Too many requests',
      'The rate limit for this API key was reached; retry later.',
    );
  if (error instanceof HttpException) return fromHttpException(error);
  if (error instanceof SyntaxError) return problem(400, 'invalid-json', 'The body is not valid JSON', error.message);
  const fastify = error as FastifyLikeError;
  const known = fastify.code ? FASTIFY_ERRORS[fastify.code] : undefined;
  if (known) return problem(known[0], known[1], known[2], fastify.message);
  if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500)
    return problem(fastify.statusCode, 'invalid-request', 'The request is not valid', fastify.message);
  return problem(
    500,
    'internal',
    'Internal error',
    'The ledger could not complete the request; nothing was written unless a 201 was returned.',
  );
}

/** The application layer's refusals (libs/ledger), each with the answer the API has always given it. */
function applicationProblem(error: ApplicationError): Problem {
  switch (error.kind) {
    case 'key-may-not-write-stream':
      return problem(403, 'forbidden', 'This API key may not do that', error.message);
    case 'unknown-stream-kind':
      return problem(404, 'not-found', 'Not found', error.message);
    case 'invalid-stream-name':
    case 'invalid-events':
    case 'invalid-request':
      return problem(
        400,
        'invalid-request',
        'The request is not valid',
        error.message,
        error.fieldErrors.length ? { errors: error.fieldErrors } : {},
      );
    case 'batch-too-large':
      return problem(413, 'batch-too-large', 'Too many events in one append', error.message);
    case 'request-in-progress':
      return problem(409, 'idempotent-request-in-progress', 'Conflict', error.message);
    case 'idempotency-key-reused':
      return problem(409, 'idempotency-key-reused', 'Conflict', error.message);
    case 'stream-takes-no-facts':
      // A fact on top of a malformed one cannot be decided; retrying will not help until the stream is corrected (409,
      // not 503).
      return problem(
        409,
        'stream-stopped',
        'This stream takes no new facts: it stopped at a malformed stored event',
        error.message,
        {
          stream: error.stream,
          position: error.position,
          eventType: error.eventType,
          reason: error.reason,
        },
      );
    case 'invalid-rule-set':
      return problem(422, 'fact-refused', 'The ledger refuses this fact', error.message, {
        code: error.code,
        errors: error.fieldErrors,
      });
  }
}

const TITLES: Record<number, [string, string]> = {
  400: ['invalid-request', 'The request is not valid'],
  401: ['unauthenticated', 'An API key is required'],
  403: ['forbidden', 'This API key may not do that'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  406: ['not-acceptable', 'Not acceptable'],
  409: ['conflict', 'Conflict'],
  413: ['body-too-large', 'The request body is too large'],
  415: ['unsupported-media-type', 'Send application/json'],
  429: ['rate-limited', 'Too many requests'],
};

function fromHttpException(error: HttpException): Problem {
  const status = error.getStatus();
  const [slug, title] = TITLES[status] ?? ['http-error', 'Request failed'];
  const response = error.getResponse();
  const message =
    typeof response === 'object' && response !== null && 'message' in response
      ? (response as { message: unknown }).message
      : error.message;
  if (Array.isArray(message)) return problem(status, slug, title, message.join('; '));
  return problem(status, slug, title, String(message));
}
