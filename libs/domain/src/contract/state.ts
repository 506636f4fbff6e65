import { type CalendarDate } from '../shared/dates';
import { type CatalogItem, type SlaTerms, type StateRole } from './events';

export interface ParticipatingAddendum {
  usState: string;
  role: StateRole;
  signedOn: CalendarDate;
  eventId: string;
}

export interface ContractState {
  awarded: boolean;
  awardedEventId: string;
  name: string;
  leadState: string;
  vendor: string;
  catalog: CatalogItem[];
  termStart: CalendarDate;
  termEnd: CalendarDate;
  sla: SlaTerms | null;
  ruleSet: string;
  /** States that take part: the lead state and every state that signed an addendum. */
  addenda: ParticipatingAddendum[];
  extensionEventIds: string[];
}

export const initialContractState: ContractState = {
  awarded: false,
  awardedEventId: '',
  name: '',
  leadState: '',
  vendor: '',
  catalog: [],
  termStart: '',
  termEnd: '',
  sla: null,
  ruleSet: '',
  addenda: [],
  extensionEventIds: [],
};
