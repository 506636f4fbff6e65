import { type Decider, type RecordFact } from '../shared/decider';
import { DomainError, assertNever } from '../shared/errors';
import { type ContractEvent } from './events';
import { evolveContract, initialContractState, type ContractState } from './state';

/**
 * Refuses a second award, addenda and extensions on a contract never awarded, a state signing twice in one role, and an
 * extension that shortens the term.
 */
function decideContract(command: RecordFact<ContractEvent>, state: ContractState): ContractEvent[] {
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
        throw new DomainError(
          'extension-shortens-term',
          `An extension cannot end the term (${event.data.termEnd}) before ${state.termEnd}`,
        );
      }
      return [event];
    default:
      return assertNever(event);
  }
}

export const contractDecider: Decider<ContractEvent, ContractState> = {
  initialState: initialContractState,
  decide: decideContract,
  evolve: evolveContract,
};
