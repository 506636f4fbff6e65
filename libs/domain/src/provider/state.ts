import { type Envelope } from '../shared/envelope';
import { assertNever } from '../shared/errors';
import { eventOf } from '../shared/event-of';
import {
  type GiftGiven,
  type ProviderDonationMade,
  type ProviderEvent,
  type ServiceProviderRegistered,
  type SubcontractorEngaged,
} from './events';

interface Sourced {
  eventId: string;
  position: number;
}

export interface ProviderState {
  registration?: ServiceProviderRegistered & Sourced;
  subcontractors: (SubcontractorEngaged & Sourced)[];
  /** `ruleSet`: the E-Rate rule set the donation's metadata names; otherwise views judge it by the set for `madeOn`. */
  donations: (ProviderDonationMade & Sourced & { ruleSet?: string })[];
  /** `ruleSet`: the E-Rate rule set the gift's metadata names; otherwise views judge it by the set for `givenOn`. */
  gifts: (GiftGiven & Sourced & { ruleSet?: string })[];
}

export const initialProviderState: ProviderState = { subcontractors: [], donations: [], gifts: [] };

export function evolveProvider(state: ProviderState, e: Envelope<ProviderEvent>): ProviderState {
  const at = { eventId: e.id, position: e.position };
  const event = eventOf(e);
  switch (event.type) {
    case 'ServiceProviderRegistered':
      return { ...state, registration: { ...event.data, ...at } };
    case 'SubcontractorEngaged':
      return { ...state, subcontractors: [...state.subcontractors, { ...event.data, ...at }] };
    case 'ProviderDonationMade':
      return {
        ...state,
        donations: [
          ...state.donations,
          { ...event.data, ...at, ...(typeof e.metadata.ruleSet === 'string' ? { ruleSet: e.metadata.ruleSet } : {}) },
        ],
      };
    case 'GiftGiven':
      return {
        ...state,
        gifts: [
          ...state.gifts,
          { ...event.data, ...at, ...(typeof e.metadata.ruleSet === 'string' ? { ruleSet: e.metadata.ruleSet } : {}) },
        ],
      };
    default:
      return assertNever(event);
  }
}
