import { type StreamDefinition } from '../shared/decider';
import { type CalendarDate } from '../shared/dates';
import { type DomainEvent } from '../shared/envelope';
import { identifier } from '../shared/identifier';
import { type Cents } from '../shared/money';
import { streamReference } from '../shared/stream-reference';
import { arrayOf, calendarDate, cents, object, oneOf, positiveCount, text, validator } from '../shared/validation';
import { LINE_KINDS, SLA_REMEDIES, type LineKind, type SlaRemedy } from '../contract/events';

export interface OrderLine {
  /** A catalog item of the order's contract. */
  itemId: string;
  kind: LineKind;
  quantity: number;
  unitPrice: Cents;
}

export type QuoteReceived = DomainEvent<
  'QuoteReceived',
  { contract: string; quotedOn: CalendarDate; lines: OrderLine[] }
>;
export type OrderPlaced = DomainEvent<
  'OrderPlaced',
  {
    program: string;
    contract: string;
    applicant: string;
    placedOn: CalendarDate;
    lines: OrderLine[];
    /** What the state program pays; with `districtShare` it makes up the order total. */
    stateShare: Cents;
    districtShare: Cents;
  }
>;
/**
 * The order's shares as corrected, e.g. the district raising its share to the program's minimum so the state share is
 * earned.
 */
export type OrderSharesCorrected = DomainEvent<
  'OrderSharesCorrected',
  { stateShare: Cents; districtShare: Cents; correctedOn: CalendarDate; reason: string }
>;
export type OrderDelivered = DomainEvent<'OrderDelivered', { deliveredOn: CalendarDate }>;
export type OrderCancelled = DomainEvent<'OrderCancelled', { cancelledOn: CalendarDate; reason: string }>;
export type CostShareClaimed = DomainEvent<
  'CostShareClaimed',
  { claimId: string; amount: Cents; claimedOn: CalendarDate }
>;
export type ReimbursementPaid = DomainEvent<
  'ReimbursementPaid',
  { claimId: string; amount: Cents; paidOn: CalendarDate }
>;
export type SlaBreachReported = DomainEvent<
  'SlaBreachReported',
  { breachId: string; reportedOn: CalendarDate; description: string; units: number }
>;
export type SlaRemedyApplied = DomainEvent<
  'SlaRemedyApplied',
  { breachId: string; remedy: SlaRemedy; appliedOn: CalendarDate }
>;

export type OrderEvent =
  | QuoteReceived
  | OrderPlaced
  | OrderSharesCorrected
  | OrderDelivered
  | OrderCancelled
  | CostShareClaimed
  | ReimbursementPaid
  | SlaBreachReported
  | SlaRemedyApplied;

const line = object({ itemId: identifier, kind: oneOf(LINE_KINDS), quantity: positiveCount, unitPrice: cents });
const lines = arrayOf(line, { min: 1, max: 1_000 });

const exampleLines: OrderLine[] = [
  { itemId: 'ipad-10', kind: 'device', quantity: 2_000, unitPrice: 29_900 },
  { itemId: 'hotspot-lte', kind: 'hotspot', quantity: 500, unitPrice: 10_000 },
];

export const orderEvents: StreamDefinition<OrderEvent>['events'] = {
  QuoteReceived: {
    description: 'A vendor quote under a contract, before the order is placed.',
    schemaVersion: 1,
    validate: validator({ contract: streamReference('contract'), quotedOn: calendarDate, lines }),
    example: { contract: 'contract-naspo-mlti-2020', quotedOn: '2020-07-20', lines: exampleLines },
  },
  OrderPlaced: {
    description:
      'An LEA placed an order under a state program and a cooperative contract, with the state and district shares.',
    schemaVersion: 1,
    validate: validator({
      program: streamReference('program'),
      contract: streamReference('contract'),
      applicant: streamReference('applicant'),
      placedOn: calendarDate,
      lines,
      stateShare: cents,
      districtShare: cents,
    }),
    example: {
      program: 'program-ms-connects',
      contract: 'contract-naspo-mlti-2020',
      applicant: 'applicant-jackson-public-schools',
      placedOn: '2020-08-01',
      lines: exampleLines,
      stateShare: 51_840_000,
      districtShare: 12_960_000,
    },
  },
  OrderSharesCorrected: {
    description:
      "The order's state and district shares were corrected (they still make up the order total); the state share is judged again under the terms the order was placed under.",
    schemaVersion: 1,
    validate: validator({ stateShare: cents, districtShare: cents, correctedOn: calendarDate, reason: text }),
    example: {
      stateShare: 51_840_000,
      districtShare: 12_960_000,
      correctedOn: '2020-08-15',
      reason: 'District raised its share to the 20% minimum',
    },
  },
  OrderDelivered: {
    description: 'The order was delivered.',
    schemaVersion: 1,
    validate: validator({ deliveredOn: calendarDate }),
    example: { deliveredOn: '2020-09-15' },
  },
  OrderCancelled: {
    description: 'The order was cancelled before delivery; it no longer commits program funds.',
    schemaVersion: 1,
    validate: validator({ cancelledOn: calendarDate, reason: text }),
    example: { cancelledOn: '2020-08-10', reason: 'Duplicate of order-2020-118' },
  },
  CostShareClaimed: {
    description: "The LEA claimed the program's share of the order for reimbursement.",
    schemaVersion: 1,
    validate: validator({ claimId: identifier, amount: cents, claimedOn: calendarDate }),
    example: { claimId: 'claim-1', amount: 51_840_000, claimedOn: '2020-10-01' },
  },
  ReimbursementPaid: {
    description: 'The program paid (part of) a claim.',
    schemaVersion: 1,
    validate: validator({ claimId: identifier, amount: cents, paidOn: calendarDate }),
    example: { claimId: 'claim-1', amount: 51_840_000, paidOn: '2020-11-01' },
  },
  SlaBreachReported: {
    description: "A breach of the contract's service level was reported on this order; it opens a remedy obligation.",
    schemaVersion: 1,
    validate: validator({ breachId: identifier, reportedOn: calendarDate, description: text, units: positiveCount }),
    example: {
      breachId: 'breach-1',
      reportedOn: '2021-02-01',
      description: '40 devices failed to power on',
      units: 40,
    },
  },
  SlaRemedyApplied: {
    description: 'The vendor applied a remedy (repair, replacement, service credit) to a reported breach.',
    schemaVersion: 1,
    validate: validator({ breachId: identifier, remedy: oneOf(SLA_REMEDIES), appliedOn: calendarDate }),
    example: { breachId: 'breach-1', remedy: 'replacement', appliedOn: '2021-02-04' },
  },
};
