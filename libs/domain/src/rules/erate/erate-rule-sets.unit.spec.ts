import { DomainError } from '../../shared/errors';
import { assertKnownErateRuleSet, erateRuleSetFor } from './erate-rule-sets';

describe('choosing the E-Rate rule set', () => {
  it('uses the rule set the event names', () => {
    expect(erateRuleSetFor({ ruleSet: 'erate-fsa-2015', occurredAt: '2025-03-01T00:00:00Z' }, '2025-03-01T00:00:00Z').id).toBe('erate-fsa-2015');
  });
  it('otherwise the one in force when the fact occurred, else when it was recorded', () => {
    expect(erateRuleSetFor({ occurredAt: '2019-03-01T00:00:00Z' }, '2025-03-01T00:00:00Z').id).toBe('erate-fsa-2015');
    expect(erateRuleSetFor({}, '2021-07-01T00:00:00Z').id).toBe('erate-2025');
    expect(erateRuleSetFor({}, '2021-06-30T23:59:59Z').id).toBe('erate-fsa-2015');
  });
  it('facts older than every rule set are judged by the earliest', () => {
    expect(erateRuleSetFor({ occurredAt: '2010-01-01' }, '2010-01-01').id).toBe('erate-fsa-2015');
  });
  it('refuses a rule set that is not an E-Rate one', () => {
    expect(() => assertKnownErateRuleSet({ ruleSet: 'erate-1999' })).toThrow(DomainError);
    expect(() => assertKnownErateRuleSet({ ruleSet: 'erate-2025' })).not.toThrow();
  });
});
