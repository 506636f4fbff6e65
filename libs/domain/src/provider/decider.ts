import { type Decider, type RecordFact, type RelatedStates } from '../shared/decider';
import { assertKnownErateRuleSet, relatedRuleSets } from '../rule-set/known-rule-set';
import { DomainError, assertNever } from '../shared/errors';
import { type ProviderEvent } from './events';
import { evolveProvider, initialProviderState, type ProviderState } from './state';

const refuse = (code: string, message: string): never => {
  throw new DomainError(code, message);
};

/** Refuses a second registration, a SPIN that is not the stream's own, and anything by a provider never registered. */
function decideProvider(
  command: RecordFact<ProviderEvent>,
  state: ProviderState,
  related: RelatedStates,
): ProviderEvent[] {
  const { event, stream } = command;
  switch (event.type) {
    case 'ServiceProviderRegistered':
      if (state.registration)
        refuse('provider-already-registered', `${stream} was already registered as ${state.registration.name}`);
      if (stream !== `provider-${event.data.spin}`)
        refuse(
          'provider-spin-mismatch',
          `SPIN ${event.data.spin} belongs on stream provider-${event.data.spin}, not ${stream}`,
        );
      return [event];
    case 'SubcontractorEngaged':
    case 'ProviderDonationMade':
    case 'GiftGiven':
      if (!state.registration)
        refuse('provider-not-registered', `${stream} was never registered; record ServiceProviderRegistered first`);
      if (event.type === 'SubcontractorEngaged' && stream === `provider-${event.data.subcontractorSpin}`)
        refuse('provider-self-subcontract', 'A provider cannot be its own subcontractor');
      if (
        event.type === 'ProviderDonationMade' &&
        state.donations.some((d) => d.donationId === event.data.donationId)
      ) {
        refuse('provider-donation-duplicate', `Donation ${event.data.donationId} was already recorded on ${stream}`);
      }
      if (event.type === 'ProviderDonationMade' || event.type === 'GiftGiven')
        assertKnownErateRuleSet(command.metadata, related);
      return [event];
    default:
      return assertNever(event);
  }
}

export const providerDecider: Decider<ProviderEvent, ProviderState> = {
  initialState: initialProviderState,
  related: (command) =>
    command.event.type === 'ProviderDonationMade' || command.event.type === 'GiftGiven'
      ? relatedRuleSets(command.metadata)
      : [],
  decide: decideProvider,
  evolve: evolveProvider,
};
