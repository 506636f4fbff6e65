import { type CalendarDate, laterOf } from '../shared/dates';
import { type Envelope } from '../shared/envelope';
import { assertNever } from '../shared/errors';
import { eventOf } from '../shared/event-of';
import { type Cents } from '../shared/money';
import { type SlaRemedy } from '../contract/events';
import { type OrderEvent, type OrderLine } from './events';
import { orderTotal } from './order-total';

export interface CostShareClaim {
  claimId: string;
  amount: Cents;
  claimedOn: CalendarDate;
  eventId: string;
  paid: Cents;
  paymentEventIds: string[];
}

export interface SlaBreach {
  breachId: string;
  reportedOn: CalendarDate;
  description: string;
  units: number;
  eventId: string;
  remedy: { remedy: SlaRemedy; appliedOn: CalendarDate; eventId: string } | null;
}

export interface Quote {
  contract: string;
  quotedOn: CalendarDate;
  lines: OrderLine[];
  eventId: string;
}

export interface ShareCorrection {
  stateShare: Cents;
  districtShare: Cents;
  correctedOn: CalendarDate;
  reason: string;
  eventId: string;
}

export interface OrderState {
  placed: boolean;
  placedEventId: string;
  /** Global position of OrderPlaced: the cohort's order, and the point an ILA must precede. */
  placedPosition: number;
  placedOn: CalendarDate;
  program: string;
  contract: string;
  applicant: string;
  lines: OrderLine[];
  total: Cents;
  /** The shares as placed, or as last corrected. */
  stateShare: Cents;
  districtShare: Cents;
  /** The shares as the order was placed, kept beside any corrections. */
  placedShares: { stateShare: Cents; districtShare: Cents };
  corrections: ShareCorrection[];
  quoteEventIds: string[];
  quotes: Quote[];
  delivered: { deliveredOn: CalendarDate; eventId: string } | null;
  cancelled: { cancelledOn: CalendarDate; reason: string; eventId: string } | null;
  claims: CostShareClaim[];
  breaches: SlaBreach[];
  /** The latest business date among the order's facts. */
  lastFactOn: CalendarDate;
}

export const initialOrderState: OrderState = {
  placed: false,
  placedEventId: '',
  placedPosition: 0,
  placedOn: '',
  program: '',
  contract: '',
  applicant: '',
  lines: [],
  total: 0,
  stateShare: 0,
  districtShare: 0,
  placedShares: { stateShare: 0, districtShare: 0 },
  corrections: [],
  quoteEventIds: [],
  quotes: [],
  delivered: null,
  cancelled: null,
  claims: [],
  breaches: [],
  lastFactOn: '',
};

export function evolveOrder(state: OrderState, envelope: Envelope<OrderEvent>): OrderState {
  const event = eventOf(envelope);
  switch (event.type) {
    case 'QuoteReceived':
      return {
        ...state,
        quoteEventIds: [...state.quoteEventIds, envelope.id],
        quotes: [...state.quotes, { ...event.data, eventId: envelope.id }],
        lastFactOn: laterOf(state.lastFactOn, event.data.quotedOn),
      };
    case 'OrderPlaced': {
      const d = event.data;
      return {
        ...state,
        placed: true,
        placedEventId: envelope.id,
        placedPosition: envelope.position,
        placedOn: d.placedOn,
        program: d.program,
        contract: d.contract,
        applicant: d.applicant,
        lines: d.lines,
        total: orderTotal(d.lines),
        stateShare: d.stateShare,
        districtShare: d.districtShare,
        placedShares: { stateShare: d.stateShare, districtShare: d.districtShare },
        lastFactOn: laterOf(state.lastFactOn, d.placedOn),
      };
    }
    case 'OrderSharesCorrected': {
      const d = event.data;
      return {
        ...state,
        stateShare: d.stateShare,
        districtShare: d.districtShare,
        corrections: [...state.corrections, { ...d, eventId: envelope.id }],
        lastFactOn: laterOf(state.lastFactOn, d.correctedOn),
      };
    }
    case 'OrderDelivered':
      return {
        ...state,
        delivered: { ...event.data, eventId: envelope.id },
        lastFactOn: laterOf(state.lastFactOn, event.data.deliveredOn),
      };
    case 'OrderCancelled':
      return {
        ...state,
        cancelled: { ...event.data, eventId: envelope.id },
        lastFactOn: laterOf(state.lastFactOn, event.data.cancelledOn),
      };
    case 'CostShareClaimed':
      return {
        ...state,
        claims: [...state.claims, { ...event.data, eventId: envelope.id, paid: 0, paymentEventIds: [] }],
        lastFactOn: laterOf(state.lastFactOn, event.data.claimedOn),
      };
    case 'ReimbursementPaid':
      return {
        ...state,
        claims: state.claims.map((c) =>
          c.claimId === event.data.claimId
            ? { ...c, paid: c.paid + event.data.amount, paymentEventIds: [...c.paymentEventIds, envelope.id] }
            : c,
        ),
        lastFactOn: laterOf(state.lastFactOn, event.data.paidOn),
      };
    case 'SlaBreachReported':
      return {
        ...state,
        breaches: [...state.breaches, { ...event.data, eventId: envelope.id, remedy: null }],
        lastFactOn: laterOf(state.lastFactOn, event.data.reportedOn),
      };
    case 'SlaRemedyApplied':
      return {
        ...state,
        breaches: state.breaches.map((b) =>
          b.breachId === event.data.breachId
            ? { ...b, remedy: { remedy: event.data.remedy, appliedOn: event.data.appliedOn, eventId: envelope.id } }
            : b,
        ),
        lastFactOn: laterOf(state.lastFactOn, event.data.appliedOn),
      };
    default:
      return assertNever(event);
  }
}
