import { type Decider } from '../shared/decider';
import { eventOf } from '../shared/event-of';
import { DomainError, assertNever } from '../shared/errors';
import { type ContractEvent } from './events';
import { initialContractState, type ContractState } from './state';

export const contractDecider: Decider<ContractEvent, ContractState> = {
  initialState: initialContractState,
  decide: (command, state) => {
    const event = command.event;
    switch (event.type) {
      case 'CooperativeContractAwarded':
        if (state.awarded) throw new DomainError('contract-already-awarded', `${command.stream} is already awarded`);
        return [event];
      case 'ParticipatingAddendumSigned':
        if (!state.awarded) throw new DomainError('contract-not-awarded', `${command.stream} has not been awarded`);
        if (state.addenda.some((a) => a.usState === event.data.usState && a.role === event.data.role)) {
          throw new DomainError('addendum-already-signed', `${event.data.usState} already signed as ${event.data.role}`);
        }
        return [event];
      case 'ContractExtended':
        if (!state.awarded) throw new DomainError('contract-not-awarded', `${command.stream} has not been awarded`);
        if (event.data.termEnd < state.termEnd) {
          throw new DomainError('extension-shortens-term', `An extension cannot end the term (${event.data.termEnd}) before ${state.termEnd}`);
        }
        return [event];
      default:
        return assertNever(event);
    }
  },
  evolve: (state, envelope) => {
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
  },
};
