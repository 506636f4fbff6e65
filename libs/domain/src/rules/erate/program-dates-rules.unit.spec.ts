import { erate2025 } from './erate-rule-sets';
import { allowableContractDateRule, defaultLastDayOfService, form486DeadlineRule, recordsRetentionRule, tradeInEligibilityRule } from './program-dates-rules';

const p = erate2025.params;

describe('E-Rate program dates', () => {
  it('allowable contract date: certify date + 28 days (certify date is day 1)', () => {
    expect(allowableContractDateRule.apply({ certifyDate: '2025-01-06' }, p)).toBe('2025-02-03');
    expect(allowableContractDateRule.apply({ certifyDate: '2024-02-01' }, p)).toBe('2024-02-29');
  });
  it('Form 486: 120 days after the later of service start and commitment', () => {
    expect(form486DeadlineRule.apply({ serviceStartDate: '2025-07-01', committedOn: '2025-05-15' }, p)).toBe('2025-10-29');
    expect(form486DeadlineRule.apply({ serviceStartDate: '2025-07-01', committedOn: '2025-08-15' }, p)).toBe('2025-12-13');
  });
  it('records kept 10 years after the last day of service', () => {
    expect(recordsRetentionRule.apply({ lastDayOfService: defaultLastDayOfService(2025) }, p)).toBe('2036-06-30');
  });
  it('trade-in allowed from five years after installation; 29 February falls back to 28 February', () => {
    expect(tradeInEligibilityRule.apply({ installedOn: '2020-08-15' }, p)).toBe('2025-08-15');
    expect(tradeInEligibilityRule.apply({ installedOn: '2024-02-29' }, p)).toBe('2029-02-28');
  });
});
