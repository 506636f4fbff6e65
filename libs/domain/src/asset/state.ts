import { type Envelope } from '../shared/envelope';
import { assertNever } from '../shared/errors';
import { eventOf } from '../shared/event-of';
import { type AssetDisposed, type AssetEvent, type AssetInstalled, type AssetTradedIn } from './events';

interface Sourced {
  eventId: string;
  position: number;
}

/** One funded piece of equipment in the applicant's asset register. */
export interface AssetState {
  installed?: AssetInstalled & Sourced;
  tradeIn?: AssetTradedIn & Sourced;
  disposal?: AssetDisposed & Sourced;
}

export const initialAssetState: AssetState = {};

export function evolveAsset(state: AssetState, e: Envelope<AssetEvent>): AssetState {
  const at = { eventId: e.id, position: e.position };
  const event = eventOf(e);
  switch (event.type) {
    case 'AssetInstalled':
      return { ...state, installed: { ...event.data, ...at } };
    case 'AssetTradedIn':
      return { ...state, tradeIn: { ...event.data, ...at } };
    case 'AssetDisposed':
      return { ...state, disposal: { ...event.data, ...at } };
    default:
      return assertNever(event);
  }
}
