import { addDays, addYears, type CalendarDate, laterOf } from '../../shared/dates';
import { type Rule } from '../../shared/rule';
import { type Breach } from './breach';
import { ERATE_SOURCES, cfr } from '../../rule-set/erate-sources';
import { type ErateParams } from '../../rule-set/erate-params';

/**
 * The last day of a funding year. The funding year is defined, not a figure of a rule set: it runs
 * July 1 to June 30, and funding year N ends on June 30 of N + 1 (47 CFR § 54.507(b)).
 */
export const fundingYearLastDay = (fundingYear: number): CalendarDate => `${fundingYear + 1}-06-30`;

/** The funding year a day falls in (July 1 – June 30, 47 CFR § 54.507(b)). */
export const fundingYearOf = (day: CalendarDate): number => {
  const year = Number(day.slice(0, 4));
  return day.slice(5) >= '07-01' ? year : year - 1;
};

/** The allowable contract date: the Form 470 certify date plus 28 days (the certify date counts as day 1). */
export const allowableContractDate = (certifyDate: CalendarDate, p: ErateParams): CalendarDate =>
  addDays(certifyDate, p.allowableContractDays);

/** Something an applicant did that the 28-day wait bars before the allowable contract date. */
export interface WaitedAct {
  /** In words, e.g. `Vendor selected (bid B1)`. */
  act: string;
  on: CalendarDate;
  eventId: string;
}

/**
 * The allowable contract date rule: no vendor selection, contract signature or Form 471 before the
 * Form 470 has been posted 28 days. On the day itself is allowed.
 */
export const twentyEightDayWaitRule: Rule<
  { certifyDate: CalendarDate; form470EventId: string; acts: readonly WaitedAct[] },
  Breach[],
  ErateParams
> = {
  id: 'erate.allowable-contract-date',
  citation: `${cfr('54.503(c)(4)')}; USAC "Allowable Contract Date"`,
  apply: (f, p) => {
    const allowable = allowableContractDate(f.certifyDate, p);
    return f.acts
      .filter((a) => a.on < allowable)
      .map((a) => ({
        severity: 'violation' as const,
        message: `${a.act} on ${a.on}, before the allowable contract date ${allowable} (Form 470 certified ${f.certifyDate}, + ${p.allowableContractDays} days)`,
        sourceEventIds: [f.form470EventId, a.eventId],
      }));
  },
};

/** Form 486 is due 120 days after the later of the service start date and the funding commitment date. */
export const form486DeadlineRule: Rule<
  { serviceStartDate: CalendarDate; committedOn: CalendarDate },
  CalendarDate,
  ErateParams
> = {
  id: 'erate.form-486-deadline',
  citation: `${cfr('54.507(d)')}; USAC "Form 486 deadline"`,
  apply: (f, p) => addDays(laterOf(f.serviceStartDate, f.committedOn), p.form486DueDays),
};

/**
 * Records are kept ten years after the later of the funding year's last day and the request's service
 * delivery deadline (USAC: recurring Internet access for FY2021 is kept until June 30, 2032).
 */
export const recordsRetentionRule: Rule<
  { fundingYear: number; serviceDeliveryDeadline: CalendarDate },
  CalendarDate,
  ErateParams
> = {
  id: 'erate.records-retention',
  citation: `${cfr('54.516(a)')}; ${ERATE_SOURCES.documentRetention}`,
  apply: (f, p) =>
    addYears(laterOf(fundingYearLastDay(f.fundingYear), f.serviceDeliveryDeadline), p.recordsRetentionYears),
};

/**
 * Funded equipment may be traded in from five years after installation; the trade-in value may then pay a non-discount
 * share.
 */
export const tradeInEligibilityRule: Rule<{ installedOn: CalendarDate }, CalendarDate, ErateParams> = {
  id: 'erate.trade-in',
  citation: `${ERATE_SOURCES.freeServicesAdvisory}, "Basic Principles" (trade-in not sooner than five years after installation)`,
  apply: (f, p) => addYears(f.installedOn, p.tradeInMinimumYears),
};
