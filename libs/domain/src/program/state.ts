import { type Cents } from '../shared/money';
import { type CalendarDate } from '../shared/dates';
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
