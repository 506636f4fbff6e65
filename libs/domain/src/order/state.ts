import { type CalendarDate } from '../shared/dates';
import { type Cents } from '../shared/money';
import { type SlaRemedy } from '../contract/events';
import { type OrderLine } from './events';

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
