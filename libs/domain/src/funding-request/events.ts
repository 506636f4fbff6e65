import { type CalendarDate } from '../shared/dates';
import { type StreamDefinition } from '../shared/decider';
import { type DomainEvent } from '../shared/envelope';
import { type FieldError } from '../shared/errors';
import { type BasisPoints, type Cents } from '../shared/money';
import { streamReference } from '../shared/stream-reference';
import {
  arrayOf,
  basisPoints,
  bool,
  calendarDate,
  cents,
  type Check,
  count,
  object,
  oneOf,
  optional,
  percentInt,
  positiveCount,
  text,
  validator,
} from '../shared/validation';

export type ErateCategory = 1 | 2;

/**
 * The CIPA certification made on the Form 486: the recipients comply; they are undertaking actions to
 * comply (allowed only in their first funding year); or CIPA does not apply because they receive
 * telecommunications services only. `not-compliant` records that none of these could be certified.
 */
export type CipaCertification = 'compliant' | 'undertaking-actions' | 'not-applicable' | 'not-compliant';
export const CIPA_CERTIFICATIONS: readonly CipaCertification[] = [
  'compliant',
  'undertaking-actions',
  'not-applicable',
  'not-compliant',
];

/**
 * One line of a Form 471 funding request. Ineligible lines stay on the request so they can be identified and allocated
 * out.
 */
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

export interface FundingRequestLineCorrected {
  correctsEventId: string;
  line: FrnLine;
  reason: string;
}
export interface PriceReductionOffered {
  description: string;
  lineIds?: string[];
  amount?: Cents;
  rateBasisPoints?: BasisPoints;
}
export interface BundleDiscountOffered {
  description: string;
  /** The request's lines in the bundle; all lines when absent. */
  lineIds?: string[];
  /**
   * Usual cost of bundle parts bought outside this request (e.g. an ineligible service), so the discount is shared with
   * them.
   */
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
export interface PromptPaymentDiscountOffered {
  rateBasisPoints: BasisPoints;
  withinDays: number;
}
export interface DonationRecorded {
  donor: string;
  description: string;
  value: Cents;
  fromServiceProvider: boolean;
  tiedToBid: boolean;
}
export interface GrantReceived {
  grantor: string;
  amount: Cents;
  receivedOn: CalendarDate;
  independentOfServiceProvider: boolean;
}
export interface CostAllocationDeclared {
  lineId: string;
  eligibleBasisPoints: BasisPoints;
  method: string;
}
/** State (or Tribal) funding for the request's Category 1 special construction, percent of its cost. */
export interface StateMatchCommitted {
  statePercent: number;
  source: string;
}
export interface FundingRequestOfferWithdrawn {
  withdrawnEventId: string;
  reason: string;
}
export interface FundingRequestSubmitted {
  form471Number: string;
  submittedOn: CalendarDate;
}
export interface FundingCommitted {
  amount: Cents;
  committedOn: CalendarDate;
}
export interface FundingReduced {
  amount: Cents;
  reducedOn: CalendarDate;
  reason: string;
}
export interface FundingDenied {
  deniedOn: CalendarDate;
  reason: string;
}
export interface Form486Filed {
  filedOn: CalendarDate;
  /** The CIPA certification made on the form; absent on forms recorded before it was. */
  cipa?: CipaCertification;
}
/** USAC's Form 486 notification letter; the invoice deadline counts from it. */
export interface Form486Notified {
  notifiedOn: CalendarDate;
}
/** An invoice sent to USAC: by the applicant (BEAR, Form 472) or the provider (SPI, Form 474). */
export interface InvoiceSubmitted {
  invoiceNumber: string;
  form: 'BEAR' | 'SPI';
  amount: Cents;
  submittedOn: CalendarDate;
}
export interface InvoiceDeadlineExtensionRequested {
  requestedOn: CalendarDate;
  reason?: string;
}
/** USAC extended the service delivery deadline of this request. */
export interface ServiceDeliveryDeadlineExtended {
  newDeadline: CalendarDate;
  grantedOn: CalendarDate;
  reason: string;
}
/** Services or equipment of the request were delivered (e.g. installation of a one-time purchase completed). */
export interface ServiceDelivered {
  description: string;
  deliveredOn: CalendarDate;
}
export interface InvoicePaid {
  invoiceNumber: string;
  amount: Cents;
  paidOn: CalendarDate;
}

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

const category: Check = (v, f) => (v === 1 || v === 2 ? [] : [{ field: f, message: 'must be 1 or 2' }]);
const fundingYear: Check = (v, f) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1998 && v <= 2100
    ? []
    : [{ field: f, message: 'must be a funding year from 1998 to 2100' }];

export const frnLineCheck: Check = object({
  lineId: text,
  product: text,
  model: optional(text),
  location: optional(text),
  eligible: bool,
  ancillary: bool,
  specificallyRequested: bool,
  quantity: positiveCount,
  usualUnitPrice: cents,
  specialConstruction: optional(bool),
  entity: optional(streamReference('applicant')),
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
  if (total > MAX_REQUEST_TOTAL)
    errors.push({ field: 'lines', message: `must total at most ${MAX_REQUEST_TOTAL} cents` });
  if (typeof d.singleBundlePrice === 'number' && d.singleBundlePrice > MAX_REQUEST_TOTAL)
    errors.push({ field: 'singleBundlePrice', message: `must be at most ${MAX_REQUEST_TOTAL} cents` });
  return errors;
};

const lineWithinLimit = (data: unknown): FieldError[] =>
  withinLimit({ lines: [(data as { line?: unknown }).line] }).map(() => ({
    field: 'line',
    message: `must total at most ${MAX_REQUEST_TOTAL} cents`,
  }));

const isObject = (d: unknown): boolean => d !== null && typeof d === 'object' && !Array.isArray(d);
const withCrossChecks =
  (base: (d: unknown) => FieldError[], ...cross: ((d: unknown) => FieldError[])[]) =>
  (data: unknown): FieldError[] => [...base(data), ...(isObject(data) ? cross.flatMap((c) => c(data)) : [])];

const lineIds = optional(arrayOf(text, { min: 1, max: 1_000 }));

export const frnEvents: StreamDefinition<FrnEvent>['events'] = {
  FundingRequestDrafted: {
    description: 'A funding request was drafted with its lines, provider and procurement',
    schemaVersion: 1,
    validate: withCrossChecks(
      validator({
        applicant: streamReference('applicant'),
        category,
        spin: text,
        procurement: streamReference('procurement'),
        contractNumber: optional(text),
        fundingYear,
        serviceStartDate: calendarDate,
        serviceEndDate: optional(calendarDate),
        recurring: optional(bool),
        lines: arrayOf(frnLineCheck, { min: 1, max: 1_000 }),
        singleBundlePrice: optional(cents),
      }),
      uniqueLineIds,
      withinLimit,
    ),
    example: {
      applicant: 'applicant-lea-12',
      category: 1,
      spin: '143001234',
      procurement: 'procurement-470-250001',
      contractNumber: 'C-2025-7',
      fundingYear: 2025,
      serviceStartDate: '2025-07-01',
      lines: [
        {
          lineId: 'L1',
          product: 'Internet access 1 Gbps',
          model: 'IA-1G',
          location: 'District office',
          eligible: true,
          ancillary: false,
          specificallyRequested: true,
          quantity: 12,
          usualUnitPrice: 150_000,
        },
        {
          lineId: 'L2',
          product: 'Web hosting',
          model: 'WH-S',
          location: 'District office',
          eligible: false,
          ancillary: false,
          specificallyRequested: true,
          quantity: 12,
          usualUnitPrice: 5_000,
        },
      ],
    },
  },
  FundingRequestLineCorrected: {
    description: 'A line was corrected; names the event that last set it',
    schemaVersion: 1,
    validate: withCrossChecks(validator({ correctsEventId: text, line: frnLineCheck, reason: text }), lineWithinLimit),
    example: {
      correctsEventId: '00000000-0000-4000-8000-000000000001',
      reason: 'Model number typo',
      line: {
        lineId: 'L2',
        product: 'Web hosting',
        model: 'WH-M',
        location: 'District office',
        eligible: false,
        ancillary: false,
        specificallyRequested: true,
        quantity: 12,
        usualUnitPrice: 5_000,
      },
    },
  },
  PriceReductionOffered: {
    description: 'The provider reduced the price (amount or rate), for some lines or all',
    schemaVersion: 1,
    validate: withCrossChecks(
      validator({ description: text, lineIds, amount: optional(cents), rateBasisPoints: optional(basisPoints) }),
      amountOrRate,
    ),
    example: { description: '20% promotional reduction', rateBasisPoints: 2_000 },
  },
  BundleDiscountOffered: {
    description:
      'The provider quoted a lower total for lines bought together; the discount is allocated proportionally',
    schemaVersion: 1,
    validate: validator({
      description: text,
      lineIds,
      partsOutsideRequestUsualCost: optional(cents),
      quotedTotal: cents,
    }),
    example: { description: 'Internet + hosting bundle', lineIds: ['L1', 'L2'], quotedTotal: 32_000 },
  },
  FreeItemOffered: {
    description: 'The provider offered a free item; its fair market value is subtracted or cost-allocated',
    schemaVersion: 1,
    validate: validator({
      description: text,
      quantity: positiveCount,
      fairMarketValue: cents,
      tiedToPurchase: bool,
      treatment: oneOf(['subtract', 'cost-allocate', 'not-deducted'] as const),
    }),
    example: {
      description: 'Five cell phones',
      quantity: 5,
      fairMarketValue: 70_000,
      tiedToPurchase: true,
      treatment: 'subtract',
    },
  },
  PromptPaymentDiscountOffered: {
    description: 'A discount for paying within a number of days',
    schemaVersion: 1,
    validate: validator({ rateBasisPoints: basisPoints, withinDays: count }),
    example: { rateBasisPoints: 1_000, withinDays: 30 },
  },
  DonationRecorded: {
    description: 'The applicant received a donation connected to this request',
    schemaVersion: 1,
    validate: validator({ donor: text, description: text, value: cents, fromServiceProvider: bool, tiedToBid: bool }),
    example: {
      donor: 'Acme Networks',
      description: 'Rack cabinets',
      value: 50_000,
      fromServiceProvider: true,
      tiedToBid: true,
    },
  },
  GrantReceived: {
    description: 'A grant towards the applicant share',
    schemaVersion: 1,
    validate: validator({ grantor: text, amount: cents, receivedOn: calendarDate, independentOfServiceProvider: bool }),
    example: {
      grantor: 'State Library Foundation',
      amount: 500_000,
      receivedOn: '2025-05-01',
      independentOfServiceProvider: true,
    },
  },
  CostAllocationDeclared: {
    description: 'The eligible share of a mixed line',
    schemaVersion: 1,
    validate: validator({ lineId: text, eligibleBasisPoints: basisPoints, method: text }),
    example: { lineId: 'L1', eligibleBasisPoints: 8_500, method: 'Share of ports serving classrooms' },
  },
  StateMatchCommitted: {
    description: 'State funds match part of the cost, raising the discount',
    schemaVersion: 1,
    validate: validator({ statePercent: percentInt, source: text }),
    example: { statePercent: 10, source: 'State broadband match program' },
  },
  FundingRequestOfferWithdrawn: {
    description: 'An offer, donation, grant or allocation was recorded in error or withdrawn',
    schemaVersion: 1,
    validate: validator({ withdrawnEventId: text, reason: text }),
    example: { withdrawnEventId: '00000000-0000-4000-8000-000000000002', reason: 'Offer expired before contract' },
  },
  FundingRequestSubmitted: {
    description: 'The Form 471 with this FRN was certified and submitted',
    schemaVersion: 1,
    validate: validator({ form471Number: text, submittedOn: calendarDate }),
    example: { form471Number: '251000123', submittedOn: '2025-03-20' },
  },
  FundingCommitted: {
    description: 'USAC committed funds (FCDL)',
    schemaVersion: 1,
    validate: validator({ amount: cents, committedOn: calendarDate }),
    example: { amount: 1_440_000, committedOn: '2025-06-15' },
  },
  FundingReduced: {
    description: 'The commitment was reduced',
    schemaVersion: 1,
    validate: validator({ amount: cents, reducedOn: calendarDate, reason: text }),
    example: { amount: 60_000, reducedOn: '2025-09-01', reason: 'Ineligible share removed' },
  },
  FundingDenied: {
    description: 'USAC denied the request',
    schemaVersion: 1,
    validate: validator({ deniedOn: calendarDate, reason: text }),
    example: { deniedOn: '2025-06-15', reason: 'Ineligible share 30% or more' },
  },
  Form486Filed: {
    description: 'The receipt-of-service confirmation (Form 486) was filed, with its CIPA certification',
    schemaVersion: 1,
    validate: validator({ filedOn: calendarDate, cipa: optional(oneOf(CIPA_CERTIFICATIONS)) }),
    example: { filedOn: '2025-08-01', cipa: 'compliant' },
  },
  Form486Notified: {
    description: 'USAC issued the Form 486 notification letter; the invoice deadline counts from it',
    schemaVersion: 1,
    validate: validator({ notifiedOn: calendarDate }),
    example: { notifiedOn: '2025-08-20' },
  },
  InvoiceSubmitted: {
    description: 'An invoice (BEAR by the applicant, SPI by the provider) was submitted to USAC',
    schemaVersion: 1,
    validate: validator({
      invoiceNumber: text,
      form: oneOf(['BEAR', 'SPI'] as const),
      amount: cents,
      submittedOn: calendarDate,
    }),
    example: { invoiceNumber: 'INV-1', form: 'SPI', amount: 720_000, submittedOn: '2025-10-01' },
  },
  InvoiceDeadlineExtensionRequested: {
    description: 'The applicant or provider asked USAC to extend the invoice deadline',
    schemaVersion: 1,
    validate: validator({ requestedOn: calendarDate, reason: optional(text) }),
    example: { requestedOn: '2026-10-01', reason: 'Provider billing delayed' },
  },
  ServiceDeliveryDeadlineExtended: {
    description: 'USAC extended the service delivery deadline',
    schemaVersion: 1,
    validate: validator({ newDeadline: calendarDate, grantedOn: calendarDate, reason: text }),
    example: { newDeadline: '2027-09-30', grantedOn: '2026-08-15', reason: 'Equipment back-ordered' },
  },
  ServiceDelivered: {
    description: 'Services or equipment of the request were delivered',
    schemaVersion: 1,
    validate: validator({ description: text, deliveredOn: calendarDate }),
    example: { description: 'Switches installed at the high school', deliveredOn: '2026-08-20' },
  },
  InvoicePaid: {
    description: 'USAC paid an invoice (BEAR or SPI) on the commitment',
    schemaVersion: 1,
    validate: validator({ invoiceNumber: text, amount: cents, paidOn: calendarDate }),
    example: { invoiceNumber: 'INV-1', amount: 720_000, paidOn: '2025-12-01' },
  },
};
