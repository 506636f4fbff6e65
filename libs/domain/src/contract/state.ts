import { type CalendarDate } from '../shared/dates';
import { type Envelope } from '../shared/envelope';
import { assertNever } from '../shared/errors';
import { eventOf } from '../shared/event-of';
import { type CatalogItem, type ContractEvent, type SlaTerms, type StateRole } from './events';

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

export function evolveContract(state: ContractState, envelope: Envelope<ContractEvent>): ContractState {
  const event = eventOf(envelope);
  switch (event.type) {
    case 'CooperativeContractAwarded': {
      const d = event.data;
      return {
        ...state,
        awarded: true,
        awardedEventId: envelope.id,
        name: d.name,
        leadState: d.leadState,
        vendor: d.vendor,
        catalog: d.catalog,
        termStart: d.termStart,
        termEnd: d.termEnd,
        sla: d.sla,
        ruleSet: d.ruleSet,
      };
    }
    case 'ParticipatingAddendumSigned':
      return { ...state, addenda: [...state.addenda, { ...event.data, eventId: envelope.id }] };
    case 'ContractExtended':
      return {
        ...state,
        termEnd: event.data.termEnd,
        sla: state.sla && { ...state.sla, repairReplacementCoverageEndsOn: event.data.repairReplacementCoverageEndsOn },
        extensionEventIds: [...state.extensionEventIds, envelope.id],
      };
    default:
      return assertNever(event);
  }
}
