import { type CalendarDate } from '../shared/dates';
import { type StreamDefinition } from '../shared/decider';
import { type DomainEvent } from '../shared/envelope';
import { type FieldError } from '../shared/errors';
import { type Cents } from '../shared/money';
import { streamReference } from '../shared/stream-reference';
import { MAX_REQUEST_TOTAL } from '../funding-request/events';
import {
  arrayOf,
  bool,
  calendarDate,
  cents,
  type Check,
  count,
  object,
  optional,
  percentInt,
  positiveCount,
  text,
  validator,
} from '../shared/validation';

export interface BidRequestPosted {
  form470Number: string;
  applicant: string;
  category: 1 | 2;
  servicesRequested: string[];
  certifyDate: CalendarDate;
}

export interface BidLine {
  product: string;
  model?: string;
  eligible: boolean;
  ancillary: boolean;
  quantity: number;
  usualUnitPrice: Cents;
}

export interface BidReceived {
  bidId: string;
  spin: string;
  receivedOn: CalendarDate;
  lines: BidLine[];
  /** One price for all lines together, when the bid quotes only that. */
  bundlePrice?: Cents;
}

export interface EvaluationFactor {
  name: string;
  weightPercent: number;
  isPrice: boolean;
}
export interface BidScore {
  bidId: string;
  factor: string;
  points: number;
}
export interface BidEvaluationRecorded {
  factors: EvaluationFactor[];
  scores: BidScore[];
  evaluatedOn: CalendarDate;
}
export interface VendorSelected {
  bidId: string;
  selectedOn: CalendarDate;
  reason?: string;
}
export interface ContractSigned {
  bidId: string;
  contractNumber: string;
  signedOn: CalendarDate;
}

export type ProcurementEvent =
  | DomainEvent<'BidRequestPosted', BidRequestPosted>
  | DomainEvent<'BidReceived', BidReceived>
  | DomainEvent<'BidEvaluationRecorded', BidEvaluationRecorded>
  | DomainEvent<'VendorSelected', VendorSelected>
  | DomainEvent<'ContractSigned', ContractSigned>;

const category: Check = (v, f) => (v === 1 || v === 2 ? [] : [{ field: f, message: 'must be 1 or 2' }]);

const weightsSumTo100 = (data: unknown): FieldError[] => {
  const factors = (data as { factors?: unknown } | null)?.factors;
  if (!Array.isArray(factors)) return [];
  const total = factors.reduce(
    (a: number, f: unknown) =>
      a +
      (typeof (f as { weightPercent?: unknown })?.weightPercent === 'number'
        ? (f as { weightPercent: number }).weightPercent
        : 0),
    0,
  );
  return total === 100 ? [] : [{ field: 'factors', message: `weights must add up to 100 (they add up to ${total})` }];
};

/** A bid's lines stay within what one funding request may total, so bid comparisons stay exact. */
const bidWithinLimit = (data: unknown): FieldError[] => {
  const lines = (data as { lines?: unknown } | null)?.lines;
  if (!Array.isArray(lines)) return [];
  const total = lines.reduce((a: number, l: unknown) => {
    const { quantity, usualUnitPrice } = (l ?? {}) as { quantity?: unknown; usualUnitPrice?: unknown };
    return typeof quantity === 'number' && typeof usualUnitPrice === 'number' ? a + quantity * usualUnitPrice : a;
  }, 0);
  return total > MAX_REQUEST_TOTAL
    ? [{ field: 'lines', message: `must total at most ${MAX_REQUEST_TOTAL} cents` }]
    : [];
};

const bid = validator({
  bidId: text,
  spin: text,
  receivedOn: calendarDate,
  lines: arrayOf(
    object({
      product: text,
      model: optional(text),
      eligible: bool,
      ancillary: bool,
      quantity: positiveCount,
      usualUnitPrice: cents,
    }),
    { min: 1, max: 1_000 },
  ),
  bundlePrice: optional(cents),
});

const evaluation = validator({
  factors: arrayOf(object({ name: text, weightPercent: percentInt, isPrice: bool }), { min: 1, max: 50 }),
  scores: arrayOf(object({ bidId: text, factor: text, points: count }), { max: 10_000 }),
  evaluatedOn: calendarDate,
});

export const procurementEvents: StreamDefinition<ProcurementEvent>['events'] = {
  BidRequestPosted: {
    description: 'The Form 470 was certified and posted',
    schemaVersion: 1,
    validate: validator({
      form470Number: text,
      applicant: streamReference('applicant'),
      category,
      servicesRequested: arrayOf(text, { min: 1, max: 200 }),
      certifyDate: calendarDate,
    }),
    example: {
      form470Number: '250001',
      applicant: 'applicant-lea-12',
      category: 1,
      servicesRequested: ['Internet access 1 Gbps'],
      certifyDate: '2025-01-06',
    },
  },
  BidReceived: {
    description: 'A provider bid, line by line',
    schemaVersion: 1,
    validate: (data) => [...bid(data), ...bidWithinLimit(data)],
    example: {
      bidId: 'B1',
      spin: '143001234',
      receivedOn: '2025-01-20',
      lines: [
        {
          product: 'Internet access 1 Gbps',
          model: 'IA-1G',
          eligible: true,
          ancillary: false,
          quantity: 12,
          usualUnitPrice: 150_000,
        },
      ],
    },
  },
  BidEvaluationRecorded: {
    description: 'Evaluation factors with weights, and points per bid and factor',
    schemaVersion: 1,
    validate: (data) => [...evaluation(data), ...weightsSumTo100(data)],
    example: {
      evaluatedOn: '2025-02-05',
      factors: [
        { name: 'Price', weightPercent: 40, isPrice: true },
        { name: 'Experience', weightPercent: 30, isPrice: false },
        { name: 'Service', weightPercent: 30, isPrice: false },
      ],
      scores: [{ bidId: 'B1', factor: 'Price', points: 40 }],
    },
  },
  VendorSelected: {
    description: 'The winning bid and why',
    schemaVersion: 1,
    validate: validator({ bidId: text, selectedOn: calendarDate, reason: optional(text) }),
    example: { bidId: 'B1', selectedOn: '2025-02-06', reason: 'Lowest eligible cost' },
  },
  ContractSigned: {
    description: 'The contract with the winning provider was signed',
    schemaVersion: 1,
    validate: validator({ bidId: text, contractNumber: text, signedOn: calendarDate }),
    example: { bidId: 'B1', contractNumber: 'C-2025-7', signedOn: '2025-02-10' },
  },
};
