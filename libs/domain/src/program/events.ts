import { type CalendarDate } from '../shared/dates';
import { type StreamDefinition } from '../shared/decider';
import { type DomainEvent } from '../shared/envelope';
import { type Cents } from '../shared/money';
import { identifier } from '../shared/identifier';
import { streamReference } from '../shared/stream-reference';
import { calendarDate, cents, oneOf, optional, text, validator, type Check } from '../shared/validation';
import { programTerms, type ProgramTerms } from './terms';

export type ProgramEstablished = DomainEvent<
  'ProgramEstablished',
  {
    name: string;
    usState: string;
    fundingSource: string;
    totalFunds: Cents;
    /** The program's terms from `establishedOn`, as the program states them. */
    terms: ProgramTerms;
    /** The state-program rule set whose meaning of terms applies; absent means the current one. */
    ruleSet?: string;
    establishedOn: CalendarDate;
  }
>;
/** New terms that govern orders placed on or after `effectiveFrom`; orders judged under earlier terms keep them. */
export type ProgramTermsAmended = DomainEvent<
  'ProgramTermsAmended',
  { terms: ProgramTerms; effectiveFrom: CalendarDate; reason: string }
>;
export type ProgramFundsAllocated = DomainEvent<
  'ProgramFundsAllocated',
  { applicant: string; amount: Cents; allocatedOn: CalendarDate }
>;
export type ParticipationRequirementSet = DomainEvent<
  'ParticipationRequirementSet',
  { requirement: 'interlocal-agreement'; esc: string; deadline: CalendarDate; setOn: CalendarDate }
>;
export type ProgramClosed = DomainEvent<'ProgramClosed', { closedOn: CalendarDate; reason: string }>;

export type ProgramEvent =
  ProgramEstablished | ProgramTermsAmended | ProgramFundsAllocated | ParticipationRequirementSet | ProgramClosed;

const usStateCode: Check = (v, f) =>
  typeof v === 'string' && /^[A-Z]{2}$/.test(v)
    ? []
    : [{ field: f, message: 'must be a two-letter state code like MS' }];

export const programEvents: StreamDefinition<ProgramEvent>['events'] = {
  ProgramEstablished: {
    description:
      'A state program was established with its funding source, total funds and its own terms (share, caps, eligible items, interlocal agreement).',
    // v1 named a built-in rule set and a cost-share kind; v2 states the terms (upcast from v1 by program/upcasters.ts).
    schemaVersion: 2,
    validate: validator({
      name: text,
      usState: usStateCode,
      fundingSource: text,
      totalFunds: cents,
      terms: programTerms,
      // Checked by the decider, so an unknown rule set is refused naming the rule (422), not as malformed data.
      ruleSet: optional(identifier),
      establishedOn: calendarDate,
    }),
    example: {
      name: 'Mississippi Connects',
      usState: 'MS',
      fundingSource: 'CARES Act Coronavirus Relief Fund via SB 3044 (Equity in Distance Learning Act)',
      totalFunds: 20_000_000_000,
      terms: {
        share: { kind: 'fixed-split', stateMaxPercent: 80, districtMinPercent: 20 },
        interlocalAgreementRequired: false,
      },
      establishedOn: '2020-07-01',
    },
  },
  ProgramTermsAmended: {
    description:
      "The program amended its terms, effective from a date after every earlier version's; orders placed before keep the terms they were judged under.",
    schemaVersion: 1,
    validate: validator({ terms: programTerms, effectiveFrom: calendarDate, reason: text }),
    example: {
      terms: {
        share: { kind: 'fixed-split', stateMaxPercent: 75, districtMinPercent: 25 },
        caps: { perOrder: 50_000_000 },
        interlocalAgreementRequired: false,
      },
      effectiveFrom: '2021-01-01',
      reason: 'Second round: state share reduced to stretch remaining funds',
    },
  },
  ProgramFundsAllocated: {
    description: 'Program funds were allocated to an LEA.',
    schemaVersion: 1,
    validate: validator({ applicant: streamReference('applicant'), amount: cents, allocatedOn: calendarDate }),
    example: { applicant: 'applicant-jackson-public-schools', amount: 1_200_000_000, allocatedOn: '2020-08-01' },
  },
  ParticipationRequirementSet: {
    description: 'Participation requires an interlocal agreement with an education service center by a deadline.',
    schemaVersion: 1,
    validate: validator({
      requirement: oneOf(['interlocal-agreement']),
      esc: text,
      deadline: calendarDate,
      setOn: calendarDate,
    }),
    example: { requirement: 'interlocal-agreement', esc: 'Region 4 ESC', deadline: '2020-08-31', setOn: '2020-06-01' },
  },
  ProgramClosed: {
    description: 'The program closed; no further allocations, orders or agreements are recorded under it.',
    schemaVersion: 1,
    validate: validator({ closedOn: calendarDate, reason: text }),
    example: { closedOn: '2021-12-30', reason: 'CARES Act funds expended' },
  },
};
