import { type OrderState, type ShareCorrection } from '../order/state';
import { type ProgramTerms } from '../program/terms';
import { type CalendarDate } from '../shared/dates';
import { type FactsLookup } from '../shared/facts';
import { type Finding } from '../shared/finding';
import { type Cents } from '../shared/money';
import { type ReadModel } from '../shared/read-model';
import { type TraceStep } from '../shared/rule';
import { claimRule } from '../rules/state-programs/claim-rule';
import { type QuoteComparison } from '../rules/state-programs/quote-comparison-rule';
import { assessProgram } from './program-assessment';
import { programFindings } from './program-findings';
import { termsRef, type TermsRef } from './program-dashboard-read-model';
import { type ShareReason } from './share-decision';
import { orderShareTrace } from './share-trace';

export interface OrderView {
  order: string;
  /** Global position of the newest fact this view reflects. */
  position: number;
  program: string;
  applicant: string;
  contract: string;
  placedOn: CalendarDate;
  status: 'placed' | 'delivered' | 'cancelled';
  ruleSet: string;
  total: Cents;
  /** The shares as now recorded (placed, or last corrected), and as placed. */
  stateShare: Cents;
  districtShare: Cents;
  placedShares: { stateShare: Cents; districtShare: Cents };
  corrections: Omit<ShareCorrection, 'eventId'>[];
  /** The state share this order earned, and why; what the program commits for it. */
  earnedStateShare: Cents;
  earnedReason: ShareReason;
  maxStateShare: Cents | null;
  minDistrictShare: Cents | null;
  /** The terms version the order was judged under: the fact that recorded it and when it took effect. */
  terms: (TermsRef & { terms: ProgramTerms }) | null;
  counted: boolean;
  /** Claims against the earned state share: what was claimed, and how much of it exceeds what the order earned. */
  claims: { claimId: string; amount: Cents; claimedOn: CalendarDate; paid: Cents }[];
  claimed: Cents;
  claimedAboveEarned: Cents;
  /** Per line: the quoted price, the ordered price and the contract's tier price at the cohort quantity. */
  quotes: QuoteComparison[];
  trace: TraceStep[];
  findings: Finding[];
}

function render(orderStream: string, facts: FactsLookup): OrderView | undefined {
  const order = facts.state<OrderState>(orderStream);
  if (!order?.placed) return undefined;
  const a = assessProgram(order.program, facts);
  const o = a?.orders.find((x) => x.stream === orderStream);
  if (!a || !o) return undefined;
  const terms = o.share.terms;
  const claims = claimRule.apply({ earned: o.share.earned, claims: order.claims }, null);
  return {
    order: orderStream,
    position: facts.position,
    program: order.program,
    applicant: order.applicant,
    contract: order.contract,
    placedOn: order.placedOn,
    status: order.cancelled ? 'cancelled' : order.delivered ? 'delivered' : 'placed',
    ruleSet: a.ruleSet.id,
    total: order.total,
    stateShare: order.stateShare,
    districtShare: order.districtShare,
    placedShares: order.placedShares,
    corrections: order.corrections.map(({ eventId: _eventId, ...c }) => c),
    earnedStateShare: o.share.earned,
    earnedReason: o.share.reason,
    maxStateShare: o.share.outcome?.maxStateShare ?? null,
    minDistrictShare: o.share.outcome?.minDistrictShare ?? null,
    terms: terms && { ...termsRef(terms), terms: terms.terms },
    counted: o.counts.counts,
    claims: order.claims.map((c) => ({ claimId: c.claimId, amount: c.amount, claimedOn: c.claimedOn, paid: c.paid })),
    claimed: claims.claimed,
    claimedAboveEarned: claims.excess,
    quotes: o.quotes,
    trace: orderShareTrace(o, a.ruleSet.id),
    findings: programFindings(order.program, facts).filter((f) => f.subject === orderStream),
  };
}

/**
 * `/v1/orders/:id`: an order's shares, the state share it earned and why, the terms it was judged under, quotes against
 * prices, findings.
 */
export const orderViewReadModel: ReadModel<OrderView> = {
  name: 'order',
  rootPrefix: 'order',
  render,
};
