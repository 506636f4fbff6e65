import { type StreamDefinition } from '../shared/decider';
import { procurementDecider } from './decider';
import { procurementEvents, type ProcurementEvent } from './events';
import { type ProcurementState } from './state';

/** `procurement-<form470>`: competitive bidding for one Form 470, with every bid, the evaluation and the winner. */
export const procurementStream: StreamDefinition<ProcurementEvent, ProcurementState> = {
  prefix: 'procurement',
  description: 'E-Rate competitive bidding (FCC Form 470): bids, evaluation factors and scores, selection, contract',
  events: procurementEvents,
  decider: procurementDecider,
  links: (state) =>
    state.posted ? [state.posted.applicant, ...new Set(state.bids.map((b) => `provider-${b.spin}`))] : [],
};
