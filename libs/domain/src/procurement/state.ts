import { type CalendarDate, calendarDateOf } from '../shared/dates';
import { effectiveInstant, type Envelope } from '../shared/envelope';
import { assertNever } from '../shared/errors';
import { eventOf } from '../shared/event-of';
import {
  type BidEvaluationRecorded,
  type BidReceived,
  type BidRequestPosted,
  type ContractSigned,
  type ProcurementEvent,
  type VendorSelected,
} from './events';

interface Sourced {
  eventId: string;
  position: number;
}

/** A competitive bidding process as its events fold it; every bid and evaluation is kept for auditors. */
export interface ProcurementState {
  /**
   * `ruleSet`: the E-Rate rule set the posting's metadata names; otherwise views judge the competition
   * by the set for `postedOn`, the day the posting took effect.
   */
  posted?: BidRequestPosted & Sourced & { ruleSet?: string; postedOn: CalendarDate };
  bids: (BidReceived & Sourced)[];
  evaluations: (BidEvaluationRecorded & Sourced)[];
  selection?: VendorSelected & Sourced;
  contract?: ContractSigned & Sourced;
}

export const initialProcurementState: ProcurementState = { bids: [], evaluations: [] };

export function evolveProcurement(state: ProcurementState, e: Envelope<ProcurementEvent>): ProcurementState {
  const at = { eventId: e.id, position: e.position };
  const event = eventOf(e);
  switch (event.type) {
    case 'BidRequestPosted':
      return {
        ...state,
        posted: {
          ...event.data,
          ...at,
          postedOn: calendarDateOf(effectiveInstant(e)),
          ...(typeof e.metadata.ruleSet === 'string' ? { ruleSet: e.metadata.ruleSet } : {}),
        },
      };
    case 'BidReceived':
      return { ...state, bids: [...state.bids, { ...event.data, ...at }] };
    case 'BidEvaluationRecorded':
      return { ...state, evaluations: [...state.evaluations, { ...event.data, ...at }] };
    case 'VendorSelected':
      return { ...state, selection: { ...event.data, ...at } };
    case 'ContractSigned':
      return { ...state, contract: { ...event.data, ...at } };
    default:
      return assertNever(event);
  }
}
