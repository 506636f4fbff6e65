import { StreamStopped } from '@ledger/projections';
import {
  BatchTooLarge,
  IdempotencyKeyReused,
  InvalidEvents,
  InvalidRequest,
  InvalidRuleSet,
  InvalidStreamName,
  KeyMayNotWriteStream,
  RequestInProgress,
  StreamTakesNoFacts,
  UnknownStreamKind,
} from '@ledger/ledger';
import { toProblem } from './to-problem';

const TYPE = 'https://procurement-ledger.dev/problems/';

/** The application layer's refusals answer exactly what the API answered when it threw problems itself. */
describe('toProblem: application errors', () => {
  it('a key limited to a prefix writing another stream: 403 forbidden', () => {
    expect(toProblem(new KeyMayNotWriteStream('order-other-1', 'order-acme-'))).toEqual({
      type: `${TYPE}forbidden`,
      title: 'This API key may not do that',
      status: 403,
      detail: 'This key may only write streams starting with "order-acme-".',
    });
  });

  it('a stream of no known kind: 404 not-found naming the kinds', () => {
    expect(toProblem(new UnknownStreamKind('nope-1', ['frn', 'order']))).toEqual({
      type: `${TYPE}not-found`,
      title: 'Not found',
      status: 404,
      detail: 'No stream kind for "nope-1". Streams are named <kind>-<id> with kind one of: frn, order.',
    });
  });

  it('a stream name whose id is not addressable: 400 invalid-request naming the field', () => {
    expect(toProblem(new InvalidStreamName('frn-/x'))).toEqual({
      type: `${TYPE}invalid-request`,
      title: 'The request is not valid',
      status: 400,
      detail:
        '"frn-/x" is not a valid stream name: <kind>-<id>, the id starting with a letter or digit and made of letters, digits and . _ : @ -.',
      errors: [{ field: 'stream', message: 'must be <kind>-<id>' }],
    });
  });

  it('events the catalog refuses: 400 invalid-request counting and naming the fields', () => {
    const errors = [
      { field: 'events[0].type', message: 'is not an event of frn streams' },
      { field: 'events[1].data.amount', message: 'must be an integer' },
    ];
    expect(toProblem(new InvalidEvents(errors))).toEqual({
      type: `${TYPE}invalid-request`,
      title: 'The request is not valid',
      status: 400,
      detail: '2 invalid fields: events[0].type, events[1].data.amount',
      errors,
    });
    expect(toProblem(new InvalidEvents([errors[0]!])).detail).toBe('1 invalid field: events[0].type');
  });

  it('a body of the wrong shape: 400 invalid-request, with errors only when fields are named', () => {
    expect(toProblem(new InvalidRequest('The body must be a JSON object.'))).toEqual({
      type: `${TYPE}invalid-request`,
      title: 'The request is not valid',
      status: 400,
      detail: 'The body must be a JSON object.',
    });
    expect(toProblem(InvalidRequest.ofFields([{ field: 'id', message: 'id must be a rule-set id' }]))).toEqual({
      type: `${TYPE}invalid-request`,
      title: 'The request is not valid',
      status: 400,
      detail: '1 invalid field: id',
      errors: [{ field: 'id', message: 'id must be a rule-set id' }],
    });
  });

  it('too many events in one append: 413 batch-too-large', () => {
    expect(toProblem(new BatchTooLarge(5, 6))).toEqual({
      type: `${TYPE}batch-too-large`,
      title: 'Too many events in one append',
      status: 413,
      detail: 'At most 5 events per append; got 6.',
    });
  });

  it('another try of the same idempotent request still running: 409 idempotent-request-in-progress', () => {
    expect(toProblem(new RequestInProgress())).toEqual({
      type: `${TYPE}idempotent-request-in-progress`,
      title: 'Conflict',
      status: 409,
      detail:
        'Another try of this request (same Idempotency-Key and body) is still in progress; retry in a few seconds to get its answer.',
    });
  });

  it('an Idempotency-Key reused for another request: 409 idempotency-key-reused', () => {
    expect(toProblem(new IdempotencyKeyReused())).toEqual({
      type: `${TYPE}idempotency-key-reused`,
      title: 'Conflict',
      status: 409,
      detail: 'This Idempotency-Key was already used with a different request; use a new key for a new request.',
    });
  });

  it('a write to a stream stopped at a malformed event: 409 stream-stopped with where it stopped', () => {
    const stop = new StreamStopped('frn-1', 42, 'FundingRequestDrafted', 'data.lines must be an array');
    expect(toProblem(new StreamTakesNoFacts(stop))).toEqual({
      type: `${TYPE}stream-stopped`,
      title: 'This stream takes no new facts: it stopped at a malformed stored event',
      status: 409,
      detail: stop.message,
      stream: 'frn-1',
      position: 42,
      eventType: 'FundingRequestDrafted',
      reason: 'data.lines must be an array',
    });
  });

  it('a rule set whose figures the domain refuses: 422 fact-refused, code rule-set-invalid, every field', () => {
    const errors = [{ field: 'params.discountMatrix[2].fromBasisPoints', message: 'must be above the band before it' }];
    expect(toProblem(new InvalidRuleSet('erate-2035', errors))).toEqual({
      type: `${TYPE}fact-refused`,
      title: 'The ledger refuses this fact',
      status: 422,
      detail:
        'Rule set erate-2035 is not valid: params.discountMatrix[2].fromBasisPoints must be above the band before it',
      code: 'rule-set-invalid',
      errors,
    });
  });
});
