import { type Cents } from '../shared/money';
import { type CalendarDate } from '../shared/dates';
import { type CostShareTerms } from './events';

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
  costShare: CostShareTerms | null;
  /** The state-program rule set that governs the program, e.g. `state-ms-connects-2020`. */
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
  costShare: null,
  ruleSet: '',
  establishedOn: '',
  allocations: [],
  requirements: [],
  closed: null,
  lastFactOn: '',
};
