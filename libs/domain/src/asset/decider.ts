import { type Decider, type RecordFact, type RelatedStates } from '../shared/decider';
import { DomainError, assertNever } from '../shared/errors';
import { type FrnState } from '../funding-request/state';
import { type AssetEvent } from './events';
import { type AssetState, evolveAsset, initialAssetState } from './state';

const refuse = (code: string, message: string): never => {
  throw new DomainError(code, message);
};

const isDrafted = (related: RelatedStates, frn: string): boolean =>
  (related.get(frn) as FrnState | undefined)?.draft !== undefined;

/**
 * Refuses an asset funded by an FRN never drafted, a trade-in or disposal of an asset never installed
 * or already gone, and a trade-in applied to an FRN never drafted. An early trade-in is recorded: the
 * asset register reports it.
 */
function decideAsset(command: RecordFact<AssetEvent>, state: AssetState, related: RelatedStates): AssetEvent[] {
  const { event, stream } = command;
  switch (event.type) {
    case 'AssetInstalled':
      if (state.installed)
        refuse('asset-already-installed', `${stream} was already installed on ${state.installed.installedOn}`);
      if (!isDrafted(related, event.data.frn))
        refuse('frn-not-drafted', `${event.data.frn} was never drafted; an asset must be funded by an existing FRN`);
      return [event];
    case 'AssetTradedIn':
    case 'AssetDisposed': {
      const installed = state.installed;
      if (!installed)
        return refuse(
          'asset-not-installed',
          `${stream} was never installed; it cannot be ${event.type === 'AssetTradedIn' ? 'traded in' : 'disposed of'}`,
        );
      if (state.tradeIn || state.disposal)
        refuse('asset-already-gone', `${stream} was already ${state.tradeIn ? 'traded in' : 'disposed of'}`);
      const on = event.type === 'AssetTradedIn' ? event.data.tradedInOn : event.data.disposedOn;
      if (on < installed.installedOn)
        refuse(
          'asset-gone-before-installed',
          `${stream} cannot leave on ${on}, before it was installed on ${installed.installedOn}`,
        );
      if (event.type === 'AssetTradedIn' && event.data.appliedToFrn && !isDrafted(related, event.data.appliedToFrn)) {
        refuse(
          'frn-not-drafted',
          `${event.data.appliedToFrn} was never drafted; a trade-in can only pay the share of an existing FRN`,
        );
      }
      return [event];
    }
    default:
      return assertNever(event);
  }
}

export const assetDecider: Decider<AssetEvent, AssetState> = {
  initialState: initialAssetState,
  related: (command) => {
    const e = command.event;
    switch (e.type) {
      case 'AssetInstalled':
        return [e.data.frn];
      case 'AssetTradedIn':
        return e.data.appliedToFrn ? [e.data.appliedToFrn] : [];
      case 'AssetDisposed':
        return [];
      default:
        return assertNever(e);
    }
  },
  decide: decideAsset,
  evolve: evolveAsset,
};
