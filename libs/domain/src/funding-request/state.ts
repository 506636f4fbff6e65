import { type CalendarDate, calendarDateOf } from '../shared/dates';
import { type DomainEvent, effectiveInstant, type Envelope } from '../shared/envelope';
import { assertNever } from '../shared/errors';
import { eventOf } from '../shared/event-of';
import { type Cents } from '../shared/money';
import {
  type BundleDiscountOffered,
  type CostAllocationDeclared,
  type DonationRecorded,
  type FreeItemOffered,
  type FrnEvent,
  type FrnLine,
  type Form486Filed,
  type FundingRequestDrafted,
  type GrantReceived,
  type InvoiceSubmitted,
  type PriceReductionOffered,
  type PromptPaymentDiscountOffered,
  type ServiceDelivered,
  type ServiceDeliveryDeadlineExtended,
  type StateMatchCommitted,
} from './events';

export type FrnStatus = 'none' | 'drafted' | 'submitted' | 'committed' | 'reduced' | 'denied' | 'invoiced';

/** A line as it stands now, with the events that set it (the draft, then each correction). */
export interface FrnLineState extends FrnLine {
  sourceEventIds: string[];
  /** The event that last set this line; a correction must name it. */
  lastSetBy: string;
}

/** Any fact that changes what may be requested, in recorded order, kept even once withdrawn. */
export type FrnOffer = { eventId: string; position: number; withdrawnBy?: string } & (
  | DomainEvent<'PriceReductionOffered', PriceReductionOffered>
  | DomainEvent<'BundleDiscountOffered', BundleDiscountOffered>
  | DomainEvent<'FreeItemOffered', FreeItemOffered>
  | DomainEvent<'PromptPaymentDiscountOffered', PromptPaymentDiscountOffered>
  | DomainEvent<'DonationRecorded', DonationRecorded>
  | DomainEvent<'GrantReceived', GrantReceived>
  | DomainEvent<'CostAllocationDeclared', CostAllocationDeclared>
  | DomainEvent<'StateMatchCommitted', StateMatchCommitted>
);

export interface FrnDraft extends Omit<FundingRequestDrafted, 'lines'> {
  eventId: string;
  position: number;
  draftedOn: CalendarDate;
  /**
   * The E-Rate rule set the draft's metadata names, if any. Otherwise the views judge the request by the
   * set in force for its funding year as of their position (47 CFR § 54.507(a), FCC 19-117).
   */
  ruleSet?: string;
}

interface Dated {
  eventId: string;
  position: number;
}

export interface FrnState {
  status: FrnStatus;
  draft?: FrnDraft;
  lines: FrnLineState[];
  offers: FrnOffer[];
  submission?: Dated & { form471Number: string; submittedOn: CalendarDate };
  commitment?: Dated & { amount: Cents; committedOn: CalendarDate };
  reductions: (Dated & { amount: Cents; reducedOn: CalendarDate; reason: string })[];
  denial?: Dated & { deniedOn: CalendarDate; reason: string };
  form486?: Dated & Form486Filed;
  form486Notification?: Dated & { notifiedOn: CalendarDate };
  invoices: (Dated & { invoiceNumber: string; amount: Cents; paidOn: CalendarDate })[];
  /** Invoices sent to USAC, paid or not, judged against the invoice deadline. */
  invoiceSubmissions: (Dated & InvoiceSubmitted)[];
  invoiceExtensionRequests: (Dated & { requestedOn: CalendarDate })[];
  serviceDeliveryExtensions: (Dated & ServiceDeliveryDeadlineExtended)[];
  deliveries: (Dated & ServiceDelivered)[];
}

export const initialFrnState: FrnState = {
  status: 'none',
  lines: [],
  offers: [],
  reductions: [],
  invoices: [],
  invoiceSubmissions: [],
  invoiceExtensionRequests: [],
  serviceDeliveryExtensions: [],
  deliveries: [],
};

const namedRuleSet = (e: Envelope): { ruleSet?: string } =>
  typeof e.metadata.ruleSet === 'string' ? { ruleSet: e.metadata.ruleSet } : {};

export function evolveFrn(state: FrnState, e: Envelope<FrnEvent>): FrnState {
  const at = { eventId: e.id, position: e.position };
  const event = eventOf(e);
  switch (event.type) {
    case 'FundingRequestDrafted': {
      const { lines, ...rest } = event.data;
      const draft: FrnDraft = { ...rest, ...at, draftedOn: calendarDateOf(effectiveInstant(e)), ...namedRuleSet(e) };
      return {
        ...state,
        status: 'drafted',
        draft,
        lines: lines.map((l) => ({ ...l, sourceEventIds: [e.id], lastSetBy: e.id })),
      };
    }
    case 'FundingRequestLineCorrected': {
      const { line } = event.data;
      return {
        ...state,
        lines: state.lines.map((l) =>
          l.lineId === line.lineId ? { ...line, sourceEventIds: [...l.sourceEventIds, e.id], lastSetBy: e.id } : l,
        ),
      };
    }
    case 'PriceReductionOffered':
    case 'BundleDiscountOffered':
    case 'FreeItemOffered':
    case 'PromptPaymentDiscountOffered':
    case 'DonationRecorded':
    case 'GrantReceived':
    case 'CostAllocationDeclared':
    case 'StateMatchCommitted':
      return { ...state, offers: [...state.offers, { ...at, ...event } as FrnOffer] };
    case 'FundingRequestOfferWithdrawn':
      return {
        ...state,
        offers: state.offers.map((o) => (o.eventId === event.data.withdrawnEventId ? { ...o, withdrawnBy: e.id } : o)),
      };
    case 'FundingRequestSubmitted':
      return { ...state, status: 'submitted', submission: { ...at, ...event.data } };
    case 'FundingCommitted':
      return { ...state, status: 'committed', commitment: { ...at, ...event.data } };
    case 'FundingReduced':
      return {
        ...state,
        status: state.status === 'invoiced' ? 'invoiced' : 'reduced',
        reductions: [...state.reductions, { ...at, ...event.data }],
      };
    case 'FundingDenied':
      return { ...state, status: 'denied', denial: { ...at, ...event.data } };
    case 'Form486Filed':
      return state.form486 ? state : { ...state, form486: { ...at, ...event.data } };
    case 'Form486Notified':
      return state.form486Notification ? state : { ...state, form486Notification: { ...at, ...event.data } };
    case 'InvoiceSubmitted':
      return { ...state, invoiceSubmissions: [...state.invoiceSubmissions, { ...at, ...event.data }] };
    case 'InvoiceDeadlineExtensionRequested':
      return {
        ...state,
        invoiceExtensionRequests: [...state.invoiceExtensionRequests, { ...at, requestedOn: event.data.requestedOn }],
      };
    case 'ServiceDeliveryDeadlineExtended':
      return { ...state, serviceDeliveryExtensions: [...state.serviceDeliveryExtensions, { ...at, ...event.data }] };
    case 'ServiceDelivered':
      return { ...state, deliveries: [...state.deliveries, { ...at, ...event.data }] };
    case 'InvoicePaid':
      return { ...state, status: 'invoiced', invoices: [...state.invoices, { ...at, ...event.data }] };
    default:
      return assertNever(event);
  }
}

/** The commitment left after reductions. */
export const committedAmount = (state: FrnState): Cents =>
  Math.max(0, (state.commitment?.amount ?? 0) - state.reductions.reduce((a, r) => a + r.amount, 0));
