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

/** The funding request read model as users read it (GET /v1/funding-requests/:id). */
/** Cost figures are null, as every figure of the view computed by a rule set, when no rule set judges the request. */
export interface FundingRequestLineView extends FrnLine {
  usualCost: Cents | null;
  preDiscountCost: Cents | null;
  eligibleCost: Cents | null;
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
  /** The rule set that judges the request; null when none covers its funding year (the findings say so). */
  ruleSet: string | null;
  applicant: string;
  category: ErateCategory;
  spin: string;
  procurement: string;
  contractNumber: string | null;
  fundingYear: number;
  serviceStartDate: CalendarDate;
  lines: FundingRequestLineView[];
  usualCost: Cents | null;
  deductions: DeductionView[];
  /** What will actually be charged and paid, all lines. */
  preDiscountCost: Cents | null;
  eligiblePreDiscountCost: Cents | null;
  ineligibleCost: Cents | null;
  ineligibleShareBasisPoints: BasisPoints | null;
  thirtyPercentRule: { outcome: ThirtyPercentOutcome; deniedFor: DenialGround | null } | null;
  /** Null when the applicant is not registered, so no discount can be derived. */
  discount: DiscountRate | null;
  /** Eligible pre-discount cost × discount rate. */
  requestedCommitment: Cents | null;
  /** The requested commitment, or zero when the rules deny the request. */
  fundableCommitment: Cents | null;
  nonDiscountShare: { amount: Cents; tradeIns: TradeInApplied[]; grants: Cents; applicantPays: Cents } | null;
  categoryTwoBudget: (CategoryTwoBudget & { usedByOtherRequests: Cents; remainingAfterThisRequest: Cents }) | null;
  funding: { committed: Cents | null; committedOn: CalendarDate | null; reduced: Cents; committedAfterReductions: Cents; invoiced: Cents };
  dates: { form486DueOn: CalendarDate | null; form486FiledOn: CalendarDate | null; recordsRetainedUntil: CalendarDate | null };
  findings: Finding[];
  trace: TraceStep[];
}

/** The view of a request a rule set judges: the figures a rule set computes are all there. */
export type JudgedFundingRequestView = FundingRequestView & {
  ruleSet: string;
  thirtyPercentRule: NonNullable<FundingRequestView['thirtyPercentRule']>;
  nonDiscountShare: NonNullable<FundingRequestView['nonDiscountShare']>;
};
