import { type StreamDefinition } from '../shared/decider';
import { providerDecider } from './decider';
import { providerEvents, type ProviderEvent } from './events';
import { type ProviderState } from './state';

/** `provider-<spin>`: a service provider, its subcontractors and its donations. */
export const providerStream: StreamDefinition<ProviderEvent, ProviderState> = {
  prefix: 'provider',
  description: 'E-Rate service provider (SPIN): registration, subcontractors, donations, gifts',
  events: providerEvents,
  decider: providerDecider,
  links: (state) => [
    ...new Set([
      ...state.subcontractors.map((s) => `provider-${s.subcontractorSpin}`),
      ...state.donations.flatMap((d) =>
        [d.beneficiaryApplicant, d.tiedToProcurement].filter((s): s is string => s !== undefined),
      ),
      ...state.gifts.flatMap((g) => [g.applicant, g.procurement].filter((s): s is string => s !== undefined)),
    ]),
  ],
};
