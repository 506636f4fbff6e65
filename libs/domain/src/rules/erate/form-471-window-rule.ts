import { addDays, type CalendarDate } from '../../shared/dates';
import { type Rule } from '../../shared/rule';
import { type Breach } from './breach';
import { cfr } from '../../rule-set/erate-sources';
import { type ErateParams } from '../../rule-set/erate-params';

export interface Form471WindowFacts {
  fundingYear: number;
  draftEventId: string;
  submission?: { submittedOn: CalendarDate; eventId: string };
  /** The Form 470 of the request's procurement, when recorded. */
  form470?: { certifyDate: CalendarDate; eventId: string };
}

/**
 * The Form 471 is filed within the window USAC announced for its funding year, and its Form 470 is
 * certified early enough that the 28-day wait ends by the day the window closes. A funding year whose
 * window the rule set does not record cannot be checked, and the finding says so.
 */
export const form471WindowRule: Rule<Form471WindowFacts, Breach[], ErateParams> = {
  id: 'erate.form-471-window',
  citation: `${cfr('54.507(c)')} (filing window announced by USAC per funding year); ${cfr('54.503(c)(4)')}`,
  apply: (f, p) => {
    const window = p.form471Windows[String(f.fundingYear)];
    if (!window) {
      return [
        {
          severity: 'info',
          message: `The FY${f.fundingYear} Form 471 window is not recorded in the rule set; the filing date${f.submission ? ` ${f.submission.submittedOn}` : ''} cannot be checked against it`,
          sourceEventIds: [f.draftEventId, ...(f.submission ? [f.submission.eventId] : [])],
        },
      ];
    }
    const named = `the FY${f.fundingYear} Form 471 window ${window.opens} – ${window.closes} (${window.source})`;
    const breaches: Breach[] = [];
    if (f.submission && (f.submission.submittedOn < window.opens || f.submission.submittedOn > window.closes)) {
      breaches.push({
        severity: 'violation',
        message: `Form 471 submitted on ${f.submission.submittedOn}, outside ${named}`,
        sourceEventIds: [f.draftEventId, f.submission.eventId],
      });
    }
    if (f.form470 && addDays(f.form470.certifyDate, p.allowableContractDays) > window.closes) {
      breaches.push({
        severity: 'violation',
        message: `Form 470 certified on ${f.form470.certifyDate}, less than ${p.allowableContractDays} days before ${named} closes; the last day to certify it was ${addDays(window.closes, -p.allowableContractDays)}`,
        sourceEventIds: [f.draftEventId, f.form470.eventId],
      });
    }
    if (!f.submission)
      breaches.push({
        severity: 'info',
        message: `Form 471 not yet submitted: file it within ${named}`,
        sourceEventIds: [f.draftEventId],
      });
    return breaches;
  },
};
