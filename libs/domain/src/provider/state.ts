import { type Envelope } from '../shared/envelope';
import { assertNever } from '../shared/errors';
import { erateRuleSetFor } from '../rules/erate/erate-rule-sets';
import { type GiftGiven, type ProviderDonationMade, type ProviderEvent, type ServiceProviderRegistered, type SubcontractorEngaged } from './events';

interface Sourced { eventId: string; position: number }

export interface ProviderState {
  registration?: ServiceProviderRegistered & Sourced;
  subcontractors: (SubcontractorEngaged & Sourced)[];
  /** `ruleSet`: the E-Rate rule set that judges the donation, named on its metadata or in force when it was made. */
  donations: (ProviderDonationMade & Sourced & { ruleSet: string })[];
  /** `ruleSet`: the E-Rate rule set in force on the day of the gift, unless its metadata names one. */
  gifts: (GiftGiven & Sourced & { ruleSet: string })[];
}

export const initialProviderState: ProviderState = { subcontractors: [], donations: [], gifts: [] };

export function evolveProvider(state: ProviderState, e: Envelope<ProviderEvent>): ProviderState {
  const at = { eventId: e.id, position: e.position };
  const event = { type: e.type, data: e.data } as ProviderEvent;
  switch (event.type) {
    case 'ServiceProviderRegistered':
      return { ...state, registration: { ...event.data, ...at } };
    case 'SubcontractorEngaged':
      return { ...state, subcontractors: [...state.subcontractors, { ...event.data, ...at }] };
    case 'ProviderDonationMade':
      return { ...state, donations: [...state.donations, { ...event.data, ...at, ruleSet: erateRuleSetFor({ ...e.metadata, occurredAt: event.data.madeOn }, e.recordedAt).id }] };
    case 'GiftGiven':
      return { ...state, gifts: [...state.gifts, { ...event.data, ...at, ruleSet: erateRuleSetFor({ ...e.metadata, occurredAt: event.data.givenOn }, e.recordedAt).id }] };
    default:
      return assertNever(event);
  }
}
