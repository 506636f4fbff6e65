import { type Envelope } from '../shared/envelope';
import { assertNever } from '../shared/errors';
import { type ProviderDonationMade, type ProviderEvent, type ServiceProviderRegistered, type SubcontractorEngaged } from './events';

interface Sourced { eventId: string; position: number }

export interface ProviderState {
  registration?: ServiceProviderRegistered & Sourced;
  subcontractors: (SubcontractorEngaged & Sourced)[];
  donations: (ProviderDonationMade & Sourced)[];
}

export const initialProviderState: ProviderState = { subcontractors: [], donations: [] };

export function evolveProvider(state: ProviderState, e: Envelope<ProviderEvent>): ProviderState {
  const at = { eventId: e.id, position: e.position };
  const event = { type: e.type, data: e.data } as ProviderEvent;
  switch (event.type) {
    case 'ServiceProviderRegistered':
      return { ...state, registration: { ...event.data, ...at } };
    case 'SubcontractorEngaged':
      return { ...state, subcontractors: [...state.subcontractors, { ...event.data, ...at }] };
    case 'ProviderDonationMade':
      return { ...state, donations: [...state.donations, { ...event.data, ...at }] };
    default:
      return assertNever(event);
  }
}
