import { type StreamDefinition } from '../shared/decider';
import { orderDecider } from './decider';
import { orderEvents, type OrderEvent } from './events';
import { type OrderState } from './state';

/** `order-<id>`: one order under a state program and a cooperative contract, from quotes to reimbursement. */
export const orderStream: StreamDefinition<OrderEvent, OrderState> = {
  prefix: 'order',
  description:
    'An order under a state program and a cooperative contract: quotes, placement, delivery, claims, SLA breaches.',
  events: orderEvents,
  decider: orderDecider,
  links: (state) => (state.placed ? [state.program, state.applicant, state.contract] : []),
};
