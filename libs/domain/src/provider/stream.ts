import { type StreamDefinition } from '../shared/decider';
import { providerDecider } from './decider';
import { type ProviderEvent, providerEventValidators as v } from './events';
import { type ProviderState } from './state';

/** `provider-<spin>`: a service provider, its subcontractors and its donations. */
export const providerStream: StreamDefinition<ProviderEvent, ProviderState> = {
  prefix: 'provider',
  description: 'E-Rate service provider (SPIN): registration, subcontractors, donations, gifts',
  events: {
    ServiceProviderRegistered: { validate: v.ServiceProviderRegistered, schemaVersion: 1, description: 'A service provider registered its SPIN', example: { spin: '143001234', name: 'Acme Networks', registeredOn: '2024-11-01' } },
    SubcontractorEngaged: { validate: v.SubcontractorEngaged, schemaVersion: 1, description: 'The provider engaged a subcontractor', example: { subcontractorSpin: '143009999', engagedOn: '2025-02-12', procurement: 'procurement-470-250001' } },
    ProviderDonationMade: {
      validate: v.ProviderDonationMade, schemaVersion: 1, description: 'The provider donated money or goods to an organisation',
      example: {
        donationId: 'D1', recipientOrganization: 'County Education Foundation', beneficiaryApplicant: 'applicant-lea-12', amount: 1_000_000, madeOn: '2025-01-15',
        earmarkedForApplicant: true, bonaFideIndependentGrant: false,
      },
    },
    GiftGiven: {
      validate: v.GiftGiven, schemaVersion: 1, description: 'The provider, an employee or an agent gave a gift to a person at an applicant',
      example: { applicant: 'applicant-lea-12', recipient: 'Technology director', description: 'Basketball tickets', value: 12_000, givenOn: '2025-01-20', procurement: 'procurement-470-250001', givenBy: 'Account manager' },
    },
  },
  decider: providerDecider,
  links: (state) => [
    ...new Set([
      ...state.subcontractors.map((s) => `provider-${s.subcontractorSpin}`),
      ...state.donations.flatMap((d) => [d.beneficiaryApplicant, d.tiedToProcurement].filter((s): s is string => s !== undefined)),
      ...state.gifts.flatMap((g) => [g.applicant, g.procurement].filter((s): s is string => s !== undefined)),
    ]),
  ],
};
