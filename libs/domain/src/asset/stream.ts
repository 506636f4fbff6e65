import { type StreamDefinition } from '../shared/decider';
import { assetDecider } from './decider';
import { type AssetEvent, assetEventValidators as v } from './events';
import { type AssetState } from './state';

/** `asset-<id>`: one funded asset in the register, from installation to trade-in or disposal. */
export const assetStream: StreamDefinition<AssetEvent, AssetState> = {
  prefix: 'asset',
  description: 'E-Rate asset register entry: installation, trade-in, disposal',
  events: {
    AssetInstalled: {
      validate: v.AssetInstalled, schemaVersion: 1, description: 'Equipment funded by an FRN was installed',
      example: { frn: 'frn-2025-001', lineId: 'L1', installedOn: '2025-08-15', product: 'Wireless access point', model: 'AP-515', location: 'Lincoln Elementary, room 12', eligible: true, quantity: 1 },
    },
    AssetTradedIn: { validate: v.AssetTradedIn, schemaVersion: 1, description: 'The asset was traded in; its value may pay another FRN’s non-discount share', example: { tradedInOn: '2030-09-01', value: 15_000, appliedToFrn: 'frn-2030-004' } },
    AssetDisposed: { validate: v.AssetDisposed, schemaVersion: 1, description: 'The asset was disposed of', example: { disposedOn: '2031-01-10', method: 'Recycled' } },
  },
  decider: assetDecider,
  links: (state) => (state.installed ? [state.installed.frn, ...(state.tradeIn?.appliedToFrn ? [state.tradeIn.appliedToFrn] : [])] : []),
};
