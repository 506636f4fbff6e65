import { addDays, type CalendarDate } from '../../shared/dates';
import { type Rule } from '../../shared/rule';
import { type SlaBreach } from '../../order/state';
import { CITATIONS } from './citations';

export interface SlaRemedyFacts {
  breach: SlaBreach;
  /** The date the ledger's facts reach: a breach is overdue only once the facts show the deadline passed. */
  asOf: CalendarDate;
}

export interface SlaRemedyOutcome {
  dueOn: CalendarDate;
  status: 'open' | 'overdue' | 'remedied';
  remediedLate: boolean;
}

/** An SLA lays out "how issues will be remediated if requirements are not met": a breach opens a remedy obligation. */
export const slaRemedyRule: Rule<SlaRemedyFacts, SlaRemedyOutcome, { remedyWithinDays: number }> = {
  id: 'coop.sla.remedy-overdue',
  citation: CITATIONS.sla,
  apply: ({ breach, asOf }, { remedyWithinDays }) => {
    const dueOn = addDays(breach.reportedOn, remedyWithinDays);
    if (breach.remedy) return { dueOn, status: 'remedied', remediedLate: breach.remedy.appliedOn > dueOn };
    return { dueOn, status: asOf > dueOn ? 'overdue' : 'open', remediedLate: false };
  },
};

/**
 * Repair and replacement are covered through the contract's coverage end date (Mississippi Connects: through June
 * 2023).
 */
export const coverageRule: Rule<
  { reportedOn: CalendarDate },
  { covered: boolean },
  { repairReplacementCoverageEndsOn: CalendarDate }
> = {
  id: 'coop.sla.coverage-expired',
  citation: CITATIONS.msConnects,
  apply: ({ reportedOn }, { repairReplacementCoverageEndsOn }) => ({
    covered: reportedOn <= repairReplacementCoverageEndsOn,
  }),
};
