import { type CalendarDate } from '../shared/dates';
import { type DomainEvent } from '../shared/envelope';
import { type FieldError } from '../shared/errors';
import { type BasisPoints, type Cents } from '../shared/money';
import { streamReference } from '../shared/stream-reference';
import { CIPA_CERTIFICATIONS, type CipaCertification } from '../rules/erate/cipa-certification-rule';
import {
  arrayOf, basisPoints, bool, calendarDate, cents, type Check, count, object, oneOf, optional, percentInt, positiveCount, text, validator,
} from '../shared/validation';

export type ErateCategory = 1 | 2;

/** One line of a Form 471 funding request. Ineligible lines stay on the request so they can be identified and allocated out. */
export interface FrnLine {
  lineId: string;
  product: string;
  model?: string;
  location?: string;
  eligible: boolean;
  /** A standard, ineligible part of an eligible offering (e.g. e-mail bundled with Internet access). */
  ancillary: boolean;
  /** The applicant asked for this component in its bid request. */
  specificallyRequested: boolean;
  quantity: number;
  usualUnitPrice: Cents;
  /** Category 1 special construction charges: the only charges a state match raises the discount on. */
  specialConstruction?: boolean;
  /** A consortium's line: the member (`applicant-…`) it serves, whose Category 2 budget it draws on. */
  entity?: string;
}

export interface FundingRequestDrafted {
  applicant: string;
  category: ErateCategory;
  /** Service Provider Identification Number; the provider's stream is `provider-<spin>`. */
  spin: string;
  procurement: string;
  contractNumber?: string;
  fundingYear: number;
  serviceStartDate: CalendarDate;
  /** Last day of service; defaults to the service delivery deadline. */
  serviceEndDate?: CalendarDate;
  /**
   * Recurring services (delivery deadline June 30) or a one-time purchase (September 30); absent on
   * requests drafted before it was recorded, which are judged by category (Category 1 recurring).
   */
  recurring?: boolean;
  lines: FrnLine[];
  /** The bid quoted one price for all lines together; line prices then only weight the allocation. */
  singleBundlePrice?: Cents;
}

export interface FundingRequestLineCorrected { correctsEventId: string; line: FrnLine; reason: string }
export interface PriceReductionOffered { description: string; lineIds?: string[]; amount?: Cents; rateBasisPoints?: BasisPoints }
export interface BundleDiscountOffered {
  description: string;
  /** The request's lines in the bundle; all lines when absent. */
  lineIds?: string[];
  /** Usual cost of bundle parts bought outside this request (e.g. an ineligible service), so the discount is shared with them. */
  partsOutsideRequestUsualCost?: Cents;
  /** The price quoted for the whole bundle, parts outside the request included. */
  quotedTotal: Cents;
}
export interface FreeItemOffered {
  description: string;
  quantity: number;
  fairMarketValue: Cents;
  tiedToPurchase: boolean;
  /** How the request deals with the free item: subtract its value, cost-allocate, or (a violation) neither. */
  treatment: 'subtract' | 'cost-allocate' | 'not-deducted';
}
export interface PromptPaymentDiscountOffered { rateBasisPoints: BasisPoints; withinDays: number }
export interface DonationRecorded { donor: string; description: string; value: Cents; fromServiceProvider: boolean; tiedToBid: boolean }
export interface GrantReceived { grantor: string; amount: Cents; receivedOn: CalendarDate; independentOfServiceProvider: boolean }
export interface CostAllocationDeclared { lineId: string; eligibleBasisPoints: BasisPoints; method: string }
/** State (or Tribal) funding for the request's Category 1 special construction, percent of its cost. */
export interface StateMatchCommitted { statePercent: number; source: string }
export interface FundingRequestOfferWithdrawn { withdrawnEventId: string; reason: string }
export interface FundingRequestSubmitted { form471Number: string; submittedOn: CalendarDate }
export interface FundingCommitted { amount: Cents; committedOn: CalendarDate }
export interface FundingReduced { amount: Cents; reducedOn: CalendarDate; reason: string }
export interface FundingDenied { deniedOn: CalendarDate; reason: string }
export interface Form486Filed {
  filedOn: CalendarDate;
  /** The CIPA certification made on the form; absent on forms recorded before it was. */
  cipa?: CipaCertification;
}
/** USAC's Form 486 notification letter; the invoice deadline counts from it. */
export interface Form486Notified { notifiedOn: CalendarDate }
/** An invoice sent to USAC: by the applicant (BEAR, Form 472) or the provider (SPI, Form 474). */
export interface InvoiceSubmitted { invoiceNumber: string; form: 'BEAR' | 'SPI'; amount: Cents; submittedOn: CalendarDate }
export interface InvoiceDeadlineExtensionRequested { requestedOn: CalendarDate; reason?: string }
/** USAC extended the service delivery deadline of this request. */
export interface ServiceDeliveryDeadlineExtended { newDeadline: CalendarDate; grantedOn: CalendarDate; reason: string }
/** Services or equipment of the request were delivered (e.g. installation of a one-time purchase completed). */
export interface ServiceDelivered { description: string; deliveredOn: CalendarDate }
export interface InvoicePaid { invoiceNumber: string; amount: Cents; paidOn: CalendarDate }

export type FrnEvent =
  | DomainEvent<'FundingRequestDrafted', FundingRequestDrafted>
  | DomainEvent<'FundingRequestLineCorrected', FundingRequestLineCorrected>
  | DomainEvent<'PriceReductionOffered', PriceReductionOffered>
  | DomainEvent<'BundleDiscountOffered', BundleDiscountOffered>
  | DomainEvent<'FreeItemOffered', FreeItemOffered>
  | DomainEvent<'PromptPaymentDiscountOffered', PromptPaymentDiscountOffered>
  | DomainEvent<'DonationRecorded', DonationRecorded>
  | DomainEvent<'GrantReceived', GrantReceived>
  | DomainEvent<'CostAllocationDeclared', CostAllocationDeclared>
  | DomainEvent<'StateMatchCommitted', StateMatchCommitted>
  | DomainEvent<'FundingRequestOfferWithdrawn', FundingRequestOfferWithdrawn>
  | DomainEvent<'FundingRequestSubmitted', FundingRequestSubmitted>
  | DomainEvent<'FundingCommitted', FundingCommitted>
  | DomainEvent<'FundingReduced', FundingReduced>
  | DomainEvent<'FundingDenied', FundingDenied>
  | DomainEvent<'Form486Filed', Form486Filed>
  | DomainEvent<'Form486Notified', Form486Notified>
  | DomainEvent<'InvoiceSubmitted', InvoiceSubmitted>
  | DomainEvent<'InvoiceDeadlineExtensionRequested', InvoiceDeadlineExtensionRequested>
  | DomainEvent<'ServiceDeliveryDeadlineExtended', ServiceDeliveryDeadlineExtended>
  | DomainEvent<'ServiceDelivered', ServiceDelivered>
  | DomainEvent<'InvoicePaid', InvoicePaid>;

export type FrnEventType = FrnEvent['type'];

const category: Check = (v, f) => (v === 1 || v === 2 ? [] : [{ field: f, message: 'must be 1 or 2' }]);
const fundingYear: Check = (v, f) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1998 && v <= 2100 ? [] : [{ field: f, message: 'must be a funding year from 1998 to 2100' }];

export const frnLineCheck: Check = object({
  lineId: text, product: text, model: optional(text), location: optional(text), eligible: bool, ancillary: bool,
  specificallyRequested: bool, quantity: positiveCount, usualUnitPrice: cents, specialConstruction: optional(bool), entity: optional(streamReference('applicant')),
});

const uniqueLineIds = (data: unknown): FieldError[] => {
  const lines = (data as { lines?: unknown }).lines;
  if (!Array.isArray(lines)) return [];
  const seen = new Set<unknown>();
  return lines.flatMap((l: unknown, i) => {
    const id = (l as { lineId?: unknown } | null)?.lineId;
    if (seen.has(id)) return [{ field: `lines[${i}].lineId`, message: 'repeats an earlier line id' }];
    seen.add(id);
    return [];
  });
};

/** A price reduction is either an amount or a rate, never both. */
const amountOrRate = (data: unknown): FieldError[] => {
  const d = data as { amount?: unknown; rateBasisPoints?: unknown };
  const given = [d.amount, d.rateBasisPoints].filter((v) => v !== undefined).length;
  return given === 1 ? [] : [{ field: 'amount', message: 'give exactly one of amount or rateBasisPoints' }];
};

/**
 * The most one request may total, in cents ($9 billion): far above any real FRN, and low enough that
 * every figure derived from it (shares in basis points included) stays exact in integer arithmetic.
 */
export const MAX_REQUEST_TOTAL: Cents = 900_000_000_000;

const withinLimit = (data: unknown): FieldError[] => {
  const d = data as { lines?: unknown; singleBundlePrice?: unknown };
  const lines = Array.isArray(d.lines) ? d.lines : [];
  const total = lines.reduce((a: number, l: unknown) => {
    const { quantity, usualUnitPrice } = (l ?? {}) as { quantity?: unknown; usualUnitPrice?: unknown };
    return typeof quantity === 'number' && typeof usualUnitPrice === 'number' ? a + quantity * usualUnitPrice : a;
  }, 0);
  const errors: FieldError[] = [];
  if (total > MAX_REQUEST_TOTAL) errors.push({ field: 'lines', message: `must total at most ${MAX_REQUEST_TOTAL} cents` });
  if (typeof d.singleBundlePrice === 'number' && d.singleBundlePrice > MAX_REQUEST_TOTAL) errors.push({ field: 'singleBundlePrice', message: `must be at most ${MAX_REQUEST_TOTAL} cents` });
  return errors;
};

const lineWithinLimit = (data: unknown): FieldError[] => withinLimit({ lines: [(data as { line?: unknown }).line] }).map(() => ({ field: 'line', message: `must total at most ${MAX_REQUEST_TOTAL} cents` }));

const isObject = (d: unknown): boolean => d !== null && typeof d === 'object' && !Array.isArray(d);
const withCrossChecks =
  (base: (d: unknown) => FieldError[], ...cross: ((d: unknown) => FieldError[])[]) =>
  (data: unknown): FieldError[] =>
    [...base(data), ...(isObject(data) ? cross.flatMap((c) => c(data)) : [])];

const lineIds = optional(arrayOf(text, { min: 1, max: 1_000 }));

export const frnEventValidators: Record<FrnEventType, (data: unknown) => FieldError[]> = {
  FundingRequestDrafted: withCrossChecks(
    validator({
      applicant: streamReference('applicant'), category, spin: text, procurement: streamReference('procurement'), contractNumber: optional(text),
      fundingYear, serviceStartDate: calendarDate, serviceEndDate: optional(calendarDate), recurring: optional(bool),
      lines: arrayOf(frnLineCheck, { min: 1, max: 1_000 }), singleBundlePrice: optional(cents),
    }),
    uniqueLineIds,
    withinLimit,
  ),
  FundingRequestLineCorrected: withCrossChecks(validator({ correctsEventId: text, line: frnLineCheck, reason: text }), lineWithinLimit),
  PriceReductionOffered: withCrossChecks(validator({ description: text, lineIds, amount: optional(cents), rateBasisPoints: optional(basisPoints) }), amountOrRate),
  BundleDiscountOffered: validator({ description: text, lineIds, partsOutsideRequestUsualCost: optional(cents), quotedTotal: cents }),
  FreeItemOffered: validator({
    description: text, quantity: positiveCount, fairMarketValue: cents, tiedToPurchase: bool, treatment: oneOf(['subtract', 'cost-allocate', 'not-deducted'] as const),
  }),
  PromptPaymentDiscountOffered: validator({ rateBasisPoints: basisPoints, withinDays: count }),
  DonationRecorded: validator({ donor: text, description: text, value: cents, fromServiceProvider: bool, tiedToBid: bool }),
  GrantReceived: validator({ grantor: text, amount: cents, receivedOn: calendarDate, independentOfServiceProvider: bool }),
  CostAllocationDeclared: validator({ lineId: text, eligibleBasisPoints: basisPoints, method: text }),
  StateMatchCommitted: validator({ statePercent: percentInt, source: text }),
  FundingRequestOfferWithdrawn: validator({ withdrawnEventId: text, reason: text }),
  FundingRequestSubmitted: validator({ form471Number: text, submittedOn: calendarDate }),
  FundingCommitted: validator({ amount: cents, committedOn: calendarDate }),
  FundingReduced: validator({ amount: cents, reducedOn: calendarDate, reason: text }),
  FundingDenied: validator({ deniedOn: calendarDate, reason: text }),
  Form486Filed: validator({ filedOn: calendarDate, cipa: optional(oneOf(CIPA_CERTIFICATIONS)) }),
  Form486Notified: validator({ notifiedOn: calendarDate }),
  InvoiceSubmitted: validator({ invoiceNumber: text, form: oneOf(['BEAR', 'SPI'] as const), amount: cents, submittedOn: calendarDate }),
  InvoiceDeadlineExtensionRequested: validator({ requestedOn: calendarDate, reason: optional(text) }),
  ServiceDeliveryDeadlineExtended: validator({ newDeadline: calendarDate, grantedOn: calendarDate, reason: text }),
  ServiceDelivered: validator({ description: text, deliveredOn: calendarDate }),
  InvoicePaid: validator({ invoiceNumber: text, amount: cents, paidOn: calendarDate }),
};
