import { type CalendarDate } from '../../shared/dates';
import { type Rule } from '../../shared/rule';
import { type InterlocalAgreement } from '../../applicant/state';
import { type ProgramState } from '../../program/state';
import { CITATIONS } from './citations';

const sameEsc = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The applicant's agreements that satisfy the program: for that program, and with its ESC when the program names one.
 */
export function agreementsForProgram(
  programStream: string,
  program: ProgramState,
  agreements: readonly InterlocalAgreement[],
): InterlocalAgreement[] {
  const escs = program.requirements.filter((r) => r.requirement === 'interlocal-agreement').map((r) => r.esc);
  return agreements.filter(
    (a) => a.program === programStream && (escs.length === 0 || escs.some((esc) => sameEsc(esc, a.esc))),
  );
}

export interface OrderCountsFacts {
  required: boolean;
  placedOn: CalendarDate;
  agreements: readonly InterlocalAgreement[];
}

export type OrderCountsOutcome =
  | { counts: true; agreement: InterlocalAgreement | null }
  | { counts: false; reason: 'no-agreement' | 'agreement-approved-later'; agreement: InterlocalAgreement | null };

/** "In order to participate, school boards had to approve an interlocal agreement with the Region 4 ESC." */
export const orderCountsRule: Rule<OrderCountsFacts, OrderCountsOutcome, null> = {
  id: 'state.ila.order-before-agreement',
  citation: CITATIONS.txConnectivity,
  apply: ({ required, placedOn, agreements }) => {
    const earliest =
      [...agreements].sort((a, b) => (a.approvedOn < b.approvedOn ? -1 : a.approvedOn > b.approvedOn ? 1 : 0))[0] ??
      null;
    if (!required) return { counts: true, agreement: earliest };
    if (!earliest) return { counts: false, reason: 'no-agreement', agreement: null };
    return earliest.approvedOn <= placedOn
      ? { counts: true, agreement: earliest }
      : { counts: false, reason: 'agreement-approved-later', agreement: earliest };
  },
};

export interface AgreementDeadlineFacts {
  deadline: CalendarDate;
  asOf: CalendarDate;
  agreements: readonly InterlocalAgreement[];
}

/** A participant without an agreement approved by the program's deadline, once the deadline has passed. */
export const agreementDeadlineRule: Rule<AgreementDeadlineFacts, { overdue: boolean }, null> = {
  id: 'state.ila.missing-past-deadline',
  citation: CITATIONS.txConnectivity,
  apply: ({ deadline, asOf, agreements }) => ({
    overdue: asOf > deadline && !agreements.some((a) => a.approvedOn <= deadline),
  }),
};
