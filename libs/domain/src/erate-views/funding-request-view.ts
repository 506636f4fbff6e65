import { type CalendarDate } from '../shared/dates';
import { type Finding } from '../shared/finding';
import { type BasisPoints, type Cents } from '../shared/money';
import { type TraceStep } from '../shared/rule';
import { type ErateCategory, type FrnLine } from '../funding-request/events';
import { type FrnStatus } from '../funding-request/state';
import { type CategoryTwoBudget } from '../rules/erate/category-two-budget-rule';
import { type DiscountRate } from '../rules/erate/discount-rate-rule';
import { type DeductionKind } from '../rules/erate/pre-discount-cost-rule';
import { type DenialGround, type ThirtyPercentOutcome } from '../rules/erate/thirty-percent-rule';
import { type FrnDates } from './frn-compliance';

/** The funding request read model as users read it (GET /v1/funding-requests/:id). */
export interface FundingRequestLineView extends FrnLine {
  usualCost: Cents;
  preDiscountCost: Cents;
  eligibleCost: Cents;
  sourceEventIds: string[];
}

export interface DeductionView {
  kind: DeductionKind;
  description: string;
  amount: Cents;
  basis: string;
  sourceEventId: string;
}

export interface TradeInApplied {
  asset: string;
  value: Cents;
  tradedInOn: CalendarDate;
  /** False for a trade-in earlier than five years after installation: its value may not pay the share. */
  counted: boolean;
  sourceEventId: string;
}

export interface FundingRequestView {
  frn: string;
  /** Log position the view reflects. */
  position: number;
  status: FrnStatus;
  ruleSet: string;
  applicant: string;
  category: ErateCategory;
  spin: string;
  procurement: string;
  contractNumber: string | null;
  fundingYear: number;
  serviceStartDate: CalendarDate;
  lines: FundingRequestLineView[];
  usualCost: Cents;
  deductions: DeductionView[];
  /** What will actually be charged and paid, all lines. */
  preDiscountCost: Cents;
  eligiblePreDiscountCost: Cents;
  ineligibleCost: Cents;
  ineligibleShareBasisPoints: BasisPoints;
  thirtyPercentRule: { outcome: ThirtyPercentOutcome; deniedFor: DenialGround | null };
  /** Null when the applicant is not registered, so no discount can be derived. */
  discount: DiscountRate | null;
  /** Eligible pre-discount cost × discount rate. */
  requestedCommitment: Cents;
  /** The requested commitment, or zero when the rules deny the request. */
  fundableCommitment: Cents;
  nonDiscountShare: { amount: Cents; tradeIns: TradeInApplied[]; grants: Cents; applicantPays: Cents };
  categoryTwoBudget: (CategoryTwoBudget & { usedByOtherRequests: Cents; remainingAfterThisRequest: Cents }) | null;
  funding: { committed: Cents | null; committedOn: CalendarDate | null; reduced: Cents; committedAfterReductions: Cents; invoiced: Cents };
  dates: FrnDates;
  findings: Finding[];
  trace: TraceStep[];
}
