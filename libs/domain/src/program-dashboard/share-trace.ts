import { type TraceStep } from '../shared/rule';
import { formatUsd } from '../shared/money';
import { claimRule } from '../rules/state-programs/claim-rule';
import { earnedShareRule } from '../rules/state-programs/earned-share-rule';
import { type AssessedOrder } from './program-assessment';

const REASONS: Record<AssessedOrder['share']['reason'], string> = {
  'terms-met': 'the district pays at least its minimum, so the state share is earned',
  'district-below-minimum':
    'the district pays less than its minimum, so no state share is earned until a correcting fact brings its share up',
  'not-counted':
    'the order does not count toward the program (no interlocal agreement approved before it), so no state share is earned',
  cancelled: 'the order was cancelled, so it commits nothing',
  'no-terms-in-force': 'the program had no terms in force on the order date, so no state share is earned',
  'no-applicant-profile':
    "the match depends on the district's economically disadvantaged share and the district has no registered profile",
};

/** The facts behind an order's shares: placement, any corrections, and the terms version it was judged under. */
export const shareSourceIds = (o: AssessedOrder): string[] => [
  ...(o.share.terms ? [o.share.terms.eventId] : []),
  o.order.placedEventId,
  ...o.order.corrections.map((c) => c.eventId),
  ...(o.share.limit?.kind === 'matching-by-economically-disadvantaged-share' && o.applicant
    ? o.applicant.profileEventIds.slice(-1)
    : []),
];

/**
 * One order's state and district shares, step by step: terms in force, eligible cost, the share limit, what was earned
 * and why.
 */
export function orderShareTrace(o: AssessedOrder, ruleSet: string): TraceStep[] {
  const { share, order } = o;
  const terms = share.terms;
  const steps: TraceStep[] = [
    {
      step: 'Terms in force',
      ruleSet,
      values: {
        placedOn: order.placedOn,
        termsVersion: terms?.version ?? null,
        termsEventId: terms?.eventId ?? null,
        effectiveFrom: terms?.effectiveFrom ?? null,
        unconfirmed: terms?.terms.unconfirmed ?? null,
      },
      sourceEventIds: [...(terms ? [terms.eventId] : []), order.placedEventId],
      explanation: terms
        ? `Judged under terms version ${terms.version} (effective ${terms.effectiveFrom}), the latest in force on ${order.placedOn} among those recorded before the order`
        : `No terms of the program were in force on ${order.placedOn}`,
    },
  ];
  if (!terms) return steps;
  steps.push({
    step: 'Eligible cost',
    ruleSet,
    values: { total: order.total, eligibleTotal: share.eligibleTotal },
    sourceEventIds: [terms.eventId, order.placedEventId],
    explanation: terms.terms.eligibleItems
      ? `Lines of the items or kinds the terms name: ${formatUsd(share.eligibleTotal)} of ${formatUsd(order.total)}`
      : `Every line is eligible: ${formatUsd(share.eligibleTotal)}`,
  });
  if (share.limit) {
    steps.push({
      step: 'State share limit',
      ruleId: share.limit.ruleId,
      ruleSet,
      citation: share.limit.citation,
      values: {
        kind: share.limit.kind,
        shareLimit: share.limit.shareLimit,
        matchRate: share.limit.matchRate,
        economicallyDisadvantagedShareBp: share.limit.economicallyDisadvantagedShare,
        capRoom: share.capRoom,
      },
      sourceEventIds: shareSourceIds(o).filter((id) => id !== order.placedEventId),
      explanation: `The ${share.limit.kind} terms let the state pay at most ${formatUsd(share.limit.shareLimit)}${share.capRoom === null ? '' : `, within caps leaving ${formatUsd(share.capRoom)}`}`,
    });
  }
  steps.push({
    step: 'State share earned',
    ruleId: earnedShareRule.id,
    ruleSet,
    citation: earnedShareRule.citation,
    values: {
      stateShare: order.stateShare,
      districtShare: order.districtShare,
      maxStateShare: share.outcome?.maxStateShare ?? null,
      minDistrictShare: share.outcome?.minDistrictShare ?? null,
      earnedStateShare: share.earned,
      reason: share.reason,
    },
    sourceEventIds: shareSourceIds(o),
    explanation: `Earned ${formatUsd(share.earned)} of a recorded state share of ${formatUsd(order.stateShare)}: ${REASONS[share.reason]}`,
  });
  if (order.claims.length > 0) {
    const claims = claimRule.apply({ earned: share.earned, claims: order.claims }, null);
    steps.push({
      step: 'Claims against the earned share',
      ruleId: claimRule.id,
      ruleSet,
      citation: claimRule.citation,
      values: {
        earnedStateShare: share.earned,
        claimed: claims.claimed,
        claimedAboveEarned: claims.excess,
        paidAmount: order.claims.reduce((t, c) => t + c.paid, 0),
      },
      sourceEventIds: [...order.claims.map((c) => c.eventId), ...order.claims.flatMap((c) => c.paymentEventIds)],
      explanation:
        claims.excess === 0
          ? `Claims of ${formatUsd(claims.claimed)} are within the ${formatUsd(share.earned)} earned`
          : `Claims of ${formatUsd(claims.claimed)} exceed the ${formatUsd(share.earned)} earned by ${formatUsd(claims.excess)}`,
    });
  }
  return steps;
}
