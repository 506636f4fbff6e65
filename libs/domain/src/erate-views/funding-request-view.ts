import { type CalendarDate } from '../shared/dates';
import { type Finding } from '../shared/finding';
import { type BasisPoints, type Cents } from '../shared/money';
import { type TraceStep } from '../shared/rule';
import { type ErateCategory, type FrnLine } from '../funding-request/events';
import { type FrnStatus } from '../funding-request/state';
import { type CategoryTwoBudget } from '../rules/erate/category-two-budget-rule';
import { type DiscountRate } from '../rules/erate/discount-rate-rule';
import { type StateMatchStatus } from '../rules/erate/state-match-rule';
import { type DeductionKind } from '../rules/erate/pre-discount-cost-rule';
import { type DenialGround, type ThirtyPercentOutcome } from '../rules/erate/thirty-percent-rule';
import { type FrnDates } from './frn-compliance';

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

/**
 * What this request draws on one budget (the applicant's, or a consortium member's), beside the holder's other requests
 * of the cycle.
 */
export interface CategoryTwoBudgetDraw {
  holder: string;
  budget: CategoryTwoBudget;
  thisRequest: Cents;
  otherRequests: { frn: string; amount: Cents }[];
  usedByOtherRequests: Cents;
  remainingAfterThisRequest: Cents;
}

/**
 * The budgets a Category 2 request draws on; the top-level figures are the sums over `draws` (one draw unless a
 * consortium's).
 */
export interface CategoryTwoBudgetView {
  cycle: CategoryTwoBudget['cycle'];
  budget: Cents;
  basis: string;
  usedByOtherRequests: Cents;
  remainingAfterThisRequest: Cents;
  draws: CategoryTwoBudgetDraw[];
}

/** The state match on special construction: what was committed and what counts under the cap. */
export interface StateMatchView {
  status: StateMatchStatus;
  statePercent: number;
  statePercentCounted: number;
  extraPoints: number;
  specialConstructionCost: Cents;
  sourceEventIds: string[];
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
  /** The state match on special construction; null when no rule set judges the request. */
  stateMatch: StateMatchView | null;
  /** E-Rate share, state funding and applicant share: they add up to the eligible pre-discount cost. */
  shares: { eligiblePreDiscountCost: Cents; erate: Cents; stateFunding: Cents; applicant: Cents } | null;
  /** The E-Rate share: eligible cost × discount, plus the match points on special construction. */
  requestedCommitment: Cents | null;
  /** The requested commitment, or zero when the rules deny the request. */
  fundableCommitment: Cents | null;
  /**
   * Eligible cost less the E-Rate share: the state's funding, then the applicant's share, part of which trade-ins and
   * independent grants may pay.
   */
  nonDiscountShare: {
    amount: Cents;
    stateFunding: Cents;
    applicantShare: Cents;
    tradeIns: TradeInApplied[];
    grants: Cents;
    applicantPays: Cents;
  } | null;
  categoryTwoBudget: CategoryTwoBudgetView | null;
  funding: {
    committed: Cents | null;
    committedOn: CalendarDate | null;
    reduced: Cents;
    committedAfterReductions: Cents;
    invoiced: Cents;
  };
  /** The request's deadlines; a request no rule set judges has only its recorded Form 486 date. */
  dates: FrnDates | UnjudgedDates;
  findings: Finding[];
  trace: TraceStep[];
}

/** The view of a request a rule set judges: the figures a rule set computes are all there. */
export type JudgedFundingRequestView = FundingRequestView & {
  ruleSet: string;
  thirtyPercentRule: NonNullable<FundingRequestView['thirtyPercentRule']>;
  nonDiscountShare: NonNullable<FundingRequestView['nonDiscountShare']>;
  stateMatch: StateMatchView;
  shares: NonNullable<FundingRequestView['shares']>;
  dates: FrnDates;
};

/** Deadlines of a request no rule set judges: each is computed by a funding year's rule set. */
export interface UnjudgedDates {
  form486DueOn: null;
  form486FiledOn: CalendarDate | null;
  serviceDeliveryDeadline: null;
  invoiceDueOn: null;
  recordsRetainedUntil: null;
}
