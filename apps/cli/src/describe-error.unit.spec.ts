import { DomainError, InvalidEventData } from '@ledger/domain';
import { DuplicateEventId, StoreUnavailable, WrongExpectedVersion } from '@ledger/event-store';
import { IdempotencyKeyReused, InvalidRequest, InvalidRuleSet } from '@ledger/ledger';
import { describeError } from './describe-error';

describe('describeError', () => {
  it('words a domain refusal with its code, as a clash another run cannot get past', () => {
    expect(describeError(new DomainError('contract-already-awarded', 'contract-mlti1 is already awarded'))).toEqual({
      title: 'The ledger refuses this fact',
      detail: 'contract-mlti1 is already awarded',
      code: 'contract-already-awarded',
      fieldErrors: [],
      clash: true,
    });
  });

  it('names every bad field of a refused rule set, and its code', () => {
    const errors = [{ field: 'sources', message: 'must name at least one public source of the figures' }];
    expect(describeError(new InvalidRuleSet('erate-2035', errors))).toEqual(
      expect.objectContaining({ code: 'rule-set-invalid', fieldErrors: errors, clash: true }),
    );
  });

  it('names the fields of a request or event that is not valid, which is no clash', () => {
    const fields = [{ field: 'id', message: 'id must be lower-case letters, digits, . and -, at most 64' }];
    expect(describeError(InvalidRequest.ofFields(fields))).toEqual({
      title: 'The request is not valid',
      detail: '1 invalid field: id',
      fieldErrors: fields,
      clash: false,
    });
    expect(describeError(new InvalidEventData('NeedEstimated', fields))).toEqual(
      expect.objectContaining({ title: 'The NeedEstimated event is not valid', fieldErrors: fields, clash: false }),
    );
  });

  it('counts what the ledger already holds as a clash: a reused key, a recorded event id', () => {
    expect(describeError(new IdempotencyKeyReused()).clash).toBe(true);
    expect(describeError(new DuplicateEventId('6f1c3c43-3b0b-4a44-9f5e-2d8a1f0c9b11')).clash).toBe(true);
    expect(describeError(new WrongExpectedVersion('frn-1', 3, 4)).clash).toBe(false);
    expect(describeError(new StoreUnavailable('the store is down')).title).toBe('The event store is unavailable');
  });

  it('gives anything else its own message', () => {
    expect(describeError(new Error('disk I/O error'))).toEqual({
      title: 'Unexpected error',
      detail: 'disk I/O error',
      fieldErrors: [],
      clash: false,
    });
    expect(describeError('thrown text').detail).toBe('thrown text');
  });
});
