import { type StreamDefinition } from '../shared/decider';
import { frnDecider } from './decider';
import { frnEvents, type FrnEvent } from './events';
import { type FrnState } from './state';

/** `frn-<id>`: one Form 471 funding request, from draft through commitment and invoicing. */
export const fundingRequestStream: StreamDefinition<FrnEvent, FrnState> = {
  prefix: 'frn',
  description:
    'E-Rate funding request (FCC Form 471 FRN): lines, offers and deductions, submission, commitment, invoices',
  events: frnEvents,
  decider: frnDecider,
  links: (state) =>
    state.draft ? [state.draft.applicant, `provider-${state.draft.spin}`, state.draft.procurement] : [],
};
