import { erate2025 } from '../../rule-set/erate-rule-sets';
import {
  allowableContractDate,
  form486DeadlineRule,
  fundingYearLastDay,
  fundingYearOf,
  recordsRetentionRule,
  tradeInEligibilityRule,
  twentyEightDayWaitRule,
} from './program-dates-rules';

const p = erate2025.params;

describe('E-Rate program dates', () => {
  it('allowable contract date: certify date + 28 days (certify date is day 1)', () => {
    expect(allowableContractDate('2025-01-06', p)).toBe('2025-02-03');
    expect(allowableContractDate('2024-02-01', p)).toBe('2024-02-29');
  });
  it('Form 486: 120 days after the later of service start and commitment', () => {
    expect(form486DeadlineRule.apply({ serviceStartDate: '2025-07-01', committedOn: '2025-05-15' }, p)).toBe(
      '2025-10-29',
    );
    expect(form486DeadlineRule.apply({ serviceStartDate: '2025-07-01', committedOn: '2025-08-15' }, p)).toBe(
      '2025-12-13',
    );
  });
  it('trade-in allowed from five years after installation; 29 February falls back to 28 February', () => {
    expect(tradeInEligibilityRule.apply({ installedOn: '2020-08-15' }, p)).toBe('2025-08-15');
    expect(tradeInEligibilityRule.apply({ installedOn: '2024-02-29' }, p)).toBe('2029-02-28');
  });
  it('a funding year runs July 1 to June 30 of the next year', () => {
    expect(fundingYearLastDay(2025)).toBe('2026-06-30');
    expect([fundingYearOf('2025-06-30'), fundingYearOf('2025-07-01'), fundingYearOf('2026-01-15')]).toEqual([
      2024, 2025, 2025,
    ]);
  });
});

describe('records retention (47 CFR § 54.516(a); USAC "Document Retention")', () => {
  it('golden, USAC "Document Retention": recurring Internet access of FY2021 is kept until June 30, 2032', () => {
    expect(recordsRetentionRule.apply({ fundingYear: 2021, serviceDeliveryDeadline: '2022-06-30' }, p)).toBe(
      '2032-06-30',
    );
  });
  it('a one-time purchase is kept ten years after its September 30 delivery deadline, not the funding year end', () => {
    expect(recordsRetentionRule.apply({ fundingYear: 2021, serviceDeliveryDeadline: '2022-09-30' }, p)).toBe(
      '2032-09-30',
    );
  });
  it('an extended delivery deadline moves it; a deadline before the funding year end does not shorten it', () => {
    expect(recordsRetentionRule.apply({ fundingYear: 2021, serviceDeliveryDeadline: '2023-09-30' }, p)).toBe(
      '2033-09-30',
    );
    expect(recordsRetentionRule.apply({ fundingYear: 2021, serviceDeliveryDeadline: '2022-06-29' }, p)).toBe(
      '2032-06-30',
    );
  });
});

describe('the 28-day wait (47 CFR § 54.503(c)(4))', () => {
  const judge = (on: string) =>
    twentyEightDayWaitRule.apply(
      {
        certifyDate: '2025-01-06',
        form470EventId: 'e-470',
        acts: [{ act: 'Vendor selected (bid B1)', on, eventId: 'e-sel' }],
      },
      p,
    );
  it('an act the day before the allowable contract date is a violation naming both dates and both events', () => {
    expect(judge('2025-02-02')).toEqual([
      {
        severity: 'violation',
        message:
          'Vendor selected (bid B1) on 2025-02-02, before the allowable contract date 2025-02-03 (Form 470 certified 2025-01-06, + 28 days)',
        sourceEventIds: ['e-470', 'e-sel'],
      },
    ]);
  });
  it('on the allowable contract date itself, or after it, there is no finding', () => {
    expect(judge('2025-02-03')).toEqual([]);
    expect(judge('2025-02-04')).toEqual([]);
  });
  it('is the allowable contract date rule of 47 CFR § 54.503(c)(4), by id and citation', () => {
    expect([twentyEightDayWaitRule.id, twentyEightDayWaitRule.citation]).toEqual([
      'erate.allowable-contract-date',
      '47 CFR § 54.503(c)(4) (Part 54, Subpart F); USAC "Allowable Contract Date"',
    ]);
  });
});
