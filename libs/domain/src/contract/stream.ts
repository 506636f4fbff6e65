import { type StreamDefinition } from '../shared/decider';
import { contractDecider } from './decider';
import { contractEvents, type ContractEvent } from './events';
import { type ContractState } from './state';

/** `contract-<id>`: a cooperative contract, from award through addenda and extensions. */
export const contractStream: StreamDefinition<ContractEvent, ContractState> = {
  prefix: 'contract',
  description:
    'A cooperative/master contract (e.g. NASPO MLTI): catalog, volume price tiers, SLA terms, participating states.',
  events: contractEvents,
  decider: contractDecider,
  // Orders point at contracts, not the other way round: a contract refers to no other stream.
  links: () => [],
};
