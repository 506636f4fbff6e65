import { type CalendarDate } from '../shared/dates';
import { type StreamDefinition } from '../shared/decider';
import { type DomainEvent } from '../shared/envelope';
import { type Cents } from '../shared/money';
import { identifier } from '../shared/identifier';
import { streamReference } from '../shared/stream-reference';
import { calendarDate, cents, oneOf, percentInt, text, validator, object, type Check } from '../shared/validation';
import { STATE_PROGRAM_RULE_SET_IDS } from '../rules/state-programs/rule-sets';

/** Mississippi Connects: the state covers up to its maximum share when the district pays at least its minimum. */
export interface FixedSplitCostShare {
  kind: 'fixed-split';
  stateMaxPercent: number;
  districtMinPercent: number;
}

/** Texas Operation Connectivity: the state match rate comes from a table by economically disadvantaged share. */
export interface EconomicallyDisadvantagedMatch {
  kind: 'matching-by-economically-disadvantaged-share';
  /** A match table of the program's rule set. */
  tableId: string;
}

export type CostShareTerms = FixedSplitCostShare | EconomicallyDisadvantagedMatch;

export type ProgramEstablished = DomainEvent<
  'ProgramEstablished',
  { name: string; usState: string; fundingSource: string; totalFunds: Cents; costShare: CostShareTerms; ruleSet: string; establishedOn: CalendarDate }
>;
export type ProgramFundsAllocated = DomainEvent<'ProgramFundsAllocated', { applicant: string; amount: Cents; allocatedOn: CalendarDate }>;
export type ParticipationRequirementSet = DomainEvent<
  'ParticipationRequirementSet',
  { requirement: 'interlocal-agreement'; esc: string; deadline: CalendarDate; setOn: CalendarDate }
>;
export type ProgramClosed = DomainEvent<'ProgramClosed', { closedOn: CalendarDate; reason: string }>;

export type ProgramEvent = ProgramEstablished | ProgramFundsAllocated | ParticipationRequirementSet | ProgramClosed;

const costShare: Check = (v, f) => {
  const kind = (v as { kind?: unknown } | null)?.kind;
  if (kind === 'fixed-split') return object({ kind: text, stateMaxPercent: percentInt, districtMinPercent: percentInt })(v, f);
  if (kind === 'matching-by-economically-disadvantaged-share') return object({ kind: text, tableId: identifier })(v, f);
  return [{ field: `${f}.kind`, message: 'must be one of fixed-split, matching-by-economically-disadvantaged-share' }];
};

const usStateCode: Check = (v, f) => (typeof v === 'string' && /^[A-Z]{2}$/.test(v) ? [] : [{ field: f, message: 'must be a two-letter state code like MS' }]);

export const programEvents: StreamDefinition<ProgramEvent>['events'] = {
  ProgramEstablished: {
    description: 'A state program was established with its funding source, total funds, cost-share terms and rule set.',
    schemaVersion: 1,
    validate: validator({
      name: text,
      usState: usStateCode,
      fundingSource: text,
      totalFunds: cents,
      costShare,
      ruleSet: oneOf(STATE_PROGRAM_RULE_SET_IDS),
      establishedOn: calendarDate,
    }),
    example: {
      name: 'Mississippi Connects',
      usState: 'MS',
      fundingSource: 'CARES Act Coronavirus Relief Fund via SB 3044 (Equity in Distance Learning Act)',
      totalFunds: 20_000_000_000,
      costShare: { kind: 'fixed-split', stateMaxPercent: 80, districtMinPercent: 20 },
      ruleSet: 'state-ms-connects-2020',
      establishedOn: '2020-07-01',
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
    validate: validator({ requirement: oneOf(['interlocal-agreement']), esc: text, deadline: calendarDate, setOn: calendarDate }),
    example: { requirement: 'interlocal-agreement', esc: 'Region 4 ESC', deadline: '2020-08-31', setOn: '2020-06-01' },
  },
  ProgramClosed: {
    description: 'The program closed; no further allocations, orders or agreements are recorded under it.',
    schemaVersion: 1,
    validate: validator({ closedOn: calendarDate, reason: text }),
    example: { closedOn: '2021-12-30', reason: 'CARES Act funds expended' },
  },
};
