import { addDays, addYears, type CalendarDate, laterOf } from '../../shared/dates';
import { type Rule } from '../../shared/rule';
import { type ErateParams } from './erate-params';

/** The earliest day a contract may be signed: the Form 470 certify date plus 28 days (the certify date counts as day 1). */
export const allowableContractDateRule: Rule<{ certifyDate: CalendarDate }, CalendarDate, ErateParams> = {
  id: 'erate.allowable-contract-date',
  citation: '47 CFR § 54.503(c)(4); USAC "Allowable Contract Date"',
  apply: (f, p) => addDays(f.certifyDate, p.allowableContractDays),
};

/** Form 486 is due 120 days after the later of the service start date and the funding commitment date. */
export const form486DeadlineRule: Rule<{ serviceStartDate: CalendarDate; committedOn: CalendarDate }, CalendarDate, ErateParams> = {
  id: 'erate.form-486-deadline',
  citation: '47 CFR § 54.507(d); USAC "Form 486 deadline"',
  apply: (f, p) => addDays(laterOf(f.serviceStartDate, f.committedOn), p.form486DueDays),
};

/** Records are kept 10 years after the last day of service. */
export const recordsRetentionRule: Rule<{ lastDayOfService: CalendarDate }, CalendarDate, ErateParams> = {
  id: 'erate.records-retention',
  citation: '47 CFR § 54.516(a); FCC 14-99 ¶ 263',
  apply: (f, p) => addYears(f.lastDayOfService, p.recordsRetentionYears),
};

/** Funded equipment may be traded in from five years after installation; the trade-in value may then pay a non-discount share. */
export const tradeInEligibilityRule: Rule<{ installedOn: CalendarDate }, CalendarDate, ErateParams> = {
  id: 'erate.trade-in',
  citation: '002_dd3fdf2b23e0977f.txt, "Basic Principles" (trade-in not sooner than five years after installation)',
  apply: (f, p) => addYears(f.installedOn, p.tradeInMinimumYears),
};

/** The last day of service when the request names none: 30 June ending the funding year. */
export const defaultLastDayOfService = (fundingYear: number): CalendarDate => `${fundingYear + 1}-06-30`;
