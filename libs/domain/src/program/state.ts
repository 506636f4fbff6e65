import { type Cents } from '../shared/money';
import { type CalendarDate, laterOf } from '../shared/dates';
import { type Envelope } from '../shared/envelope';
import { assertNever } from '../shared/errors';
import { eventOf } from '../shared/event-of';
import { stateProgramTerms } from './rule-sets';
import { type ProgramEvent } from './events';
import { type TermsVersion } from './terms';

export interface FundsAllocation {
  applicant: string;
  amount: Cents;
  allocatedOn: CalendarDate;
  eventId: string;
}

export interface ParticipationRequirement {
  requirement: 'interlocal-agreement';
  esc: string;
  deadline: CalendarDate;
  eventId: string;
}

export interface ProgramState {
  established: boolean;
  establishedEventId: string;
  name: string;
  usState: string;
  fundingSource: string;
  totalFunds: Cents;
  /** Every version of the program's terms, oldest first: establishment, then each amendment. */
  termsVersions: TermsVersion[];
  /** The state-program rule set whose meaning of terms applies. */
  ruleSet: string;
  establishedOn: CalendarDate;
  allocations: FundsAllocation[];
  requirements: ParticipationRequirement[];
  closed: { closedOn: CalendarDate; reason: string; eventId: string } | null;
  /** The latest business date among the program's own facts. */
  lastFactOn: CalendarDate;
}

export const initialProgramState: ProgramState = {
  established: false,
  establishedEventId: '',
  name: '',
  usState: '',
  fundingSource: '',
  totalFunds: 0,
  termsVersions: [],
  ruleSet: '',
  establishedOn: '',
  allocations: [],
  requirements: [],
  closed: null,
  lastFactOn: '',
};

export function evolveProgram(state: ProgramState, envelope: Envelope<ProgramEvent>): ProgramState {
  const event = eventOf(envelope);
  switch (event.type) {
    case 'ProgramEstablished': {
      const d = event.data;
      return {
        ...state,
        established: true,
        establishedEventId: envelope.id,
        name: d.name,
        usState: d.usState,
        fundingSource: d.fundingSource,
        totalFunds: d.totalFunds,
        termsVersions: [
          {
            version: 1,
            eventId: envelope.id,
            position: envelope.position,
            effectiveFrom: d.establishedOn,
            terms: d.terms,
          },
        ],
        ruleSet: d.ruleSet ?? stateProgramTerms.id,
        establishedOn: d.establishedOn,
        lastFactOn: laterOf(state.lastFactOn, d.establishedOn),
      };
    }
    case 'ProgramTermsAmended': {
      const d = event.data;
      const version = {
        version: state.termsVersions.length + 1,
        eventId: envelope.id,
        position: envelope.position,
        effectiveFrom: d.effectiveFrom,
        terms: d.terms,
      };
      return { ...state, termsVersions: [...state.termsVersions, version] };
    }
    case 'ProgramFundsAllocated':
      return {
        ...state,
        allocations: [...state.allocations, { ...event.data, eventId: envelope.id }],
        lastFactOn: laterOf(state.lastFactOn, event.data.allocatedOn),
      };
    case 'ParticipationRequirementSet': {
      const { requirement, esc, deadline, setOn } = event.data;
      return {
        ...state,
        requirements: [...state.requirements, { requirement, esc, deadline, eventId: envelope.id }],
        lastFactOn: laterOf(state.lastFactOn, setOn),
      };
    }
    case 'ProgramClosed':
      return {
        ...state,
        closed: { ...event.data, eventId: envelope.id },
        lastFactOn: laterOf(state.lastFactOn, event.data.closedOn),
      };
    default:
      return assertNever(event);
  }
}
