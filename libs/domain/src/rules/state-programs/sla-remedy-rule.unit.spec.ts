import { type SlaBreach } from '../../order/state';
import { coverageRule, slaRemedyRule } from './sla-remedy-rule';

/** A breach reported on 2021-03-01 under an SLA with a five-day remedy: due 2021-03-06. */
const breach = (remedyOn?: string): SlaBreach => ({
  breachId: 'b-1',
  reportedOn: '2021-03-01',
  description: '40 Chromebooks arrived with broken screens',
  units: 40,
  eventId: 'evt-breach',
  remedy: remedyOn === undefined ? null : { remedy: 'replacement', appliedOn: remedyOn, eventId: 'evt-remedy' },
});
const terms = { remedyWithinDays: 5 };

describe('SLA remedy (coop.sla.remedy-overdue)', () => {
  it('open on the due day itself (2021-03-06)', () => {
    expect(slaRemedyRule.apply({ breach: breach(), asOf: '2021-03-06' }, terms)).toEqual({
      dueOn: '2021-03-06',
      status: 'open',
      remediedLate: false,
    });
  });
  it('overdue the day after the due day, with no remedy recorded', () => {
    expect(slaRemedyRule.apply({ breach: breach(), asOf: '2021-03-07' }, terms)).toEqual({
      dueOn: '2021-03-06',
      status: 'overdue',
      remediedLate: false,
    });
  });
  it('the due date counts the SLA days from the report (3 days: 2021-03-04)', () => {
    expect(slaRemedyRule.apply({ breach: breach(), asOf: '2021-03-02' }, { remedyWithinDays: 3 }).dueOn).toBe(
      '2021-03-04',
    );
  });
  it('a remedy applied on the due day is on time', () => {
    expect(slaRemedyRule.apply({ breach: breach('2021-03-06'), asOf: '2021-04-01' }, terms)).toEqual({
      dueOn: '2021-03-06',
      status: 'remedied',
      remediedLate: false,
    });
  });
  it('a remedy applied the day after the due day is late', () => {
    expect(slaRemedyRule.apply({ breach: breach('2021-03-07'), asOf: '2021-04-01' }, terms)).toEqual({
      dueOn: '2021-03-06',
      status: 'remedied',
      remediedLate: true,
    });
  });
});

describe('repair and replacement coverage (coop.sla.coverage-expired)', () => {
  const ends = { repairReplacementCoverageEndsOn: '2023-06-30' };
  it('a breach reported on the last day of coverage (2023-06-30) is covered', () => {
    expect(coverageRule.apply({ reportedOn: '2023-06-30' }, ends)).toEqual({ covered: true });
  });
  it('a breach reported the day after coverage ends (2023-07-01) is not covered', () => {
    expect(coverageRule.apply({ reportedOn: '2023-07-01' }, ends)).toEqual({ covered: false });
  });
});
