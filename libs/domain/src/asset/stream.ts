import { type StreamDefinition } from '../shared/decider';
import { assetDecider } from './decider';
import { assetEvents, type AssetEvent } from './events';
import { type AssetState } from './state';

/** `asset-<id>`: one funded asset in the register, from installation to trade-in or disposal. */
export const assetStream: StreamDefinition<AssetEvent, AssetState> = {
  prefix: 'asset',
  description: 'E-Rate asset register entry: installation, trade-in, disposal',
  events: assetEvents,
  decider: assetDecider,
  links: (state) =>
    state.installed ? [state.installed.frn, ...(state.tradeIn?.appliedToFrn ? [state.tradeIn.appliedToFrn] : [])] : [],
};
