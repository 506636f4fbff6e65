import { type ApplicantState } from '../applicant/state';
import { type OrderState } from '../order/state';
import { type ShareKind, type TermsVersion } from '../program/terms';
import { type BasisPoints, type Cents } from '../shared/money';
import { economicallyDisadvantagedMatchRule } from '../rules/state-programs/economically-disadvantaged-match-rule';
import { earnedShareRule, type EarnedShareOutcome } from '../rules/state-programs/earned-share-rule';
import { eligibleTotal } from '../rules/state-programs/eligible-items';
import { fixedSplitCostShareRule } from '../rules/state-programs/fixed-split-cost-share-rule';
import { flatMatchRule } from '../rules/state-programs/flat-match-rule';

/** Why an order's state share is earned or not. */
export type ShareReason =
  'terms-met' | 'district-below-minimum' | 'not-counted' | 'cancelled' | 'no-terms-in-force' | 'no-applicant-profile';

/** How the program's share terms limited the state's share of one order. */
export interface ShareLimit {
  kind: ShareKind;
  ruleId: string;
  citation: string;
  shareLimit: Cents;
  /** For a match: the rate applied, and for banded matches the district's economically disadvantaged share. */
  matchRate: BasisPoints | null;
  economicallyDisadvantagedShare: BasisPoints | null;
}

export interface ShareDecision {
  /** The terms version the order was judged under (null when none was in force on its date). */
  terms: TermsVersion | null;
  eligibleTotal: Cents;
  limit: ShareLimit | null;
  /** What the program's caps left for this order; null when the terms state no cap. */
  capRoom: Cents | null;
  outcome: EarnedShareOutcome | null;
  /** The state share the order earned: what the program commits and a claim may reach. */
  earned: Cents;
  reason: ShareReason;
}

function limitOf(terms: TermsVersion, eligible: Cents, applicant: ApplicantState | undefined): ShareLimit | null {
  const share = terms.terms.share;
  switch (share.kind) {
    case 'fixed-split': {
      const { maxStateShare } = fixedSplitCostShareRule.apply({ eligibleTotal: eligible }, share);
      return {
        kind: share.kind,
        ruleId: fixedSplitCostShareRule.id,
        citation: fixedSplitCostShareRule.citation,
        shareLimit: maxStateShare,
        matchRate: null,
        economicallyDisadvantagedShare: null,
      };
    }
    case 'flat-match':
      return {
        kind: share.kind,
        ruleId: flatMatchRule.id,
        citation: flatMatchRule.citation,
        shareLimit: flatMatchRule.apply({ eligibleTotal: eligible }, share).stateMatch,
        matchRate: share.matchRate,
        economicallyDisadvantagedShare: null,
      };
    case 'matching-by-economically-disadvantaged-share': {
      if (!applicant?.registered) return null;
      const m = economicallyDisadvantagedMatchRule.apply(
        {
          students: applicant.students,
          economicallyDisadvantagedStudents: applicant.economicallyDisadvantagedStudents,
          total: eligible,
        },
        share.bands,
      );
      return {
        kind: share.kind,
        ruleId: economicallyDisadvantagedMatchRule.id,
        citation: economicallyDisadvantagedMatchRule.citation,
        shareLimit: m.stateMatch,
        matchRate: m.matchRate,
        economicallyDisadvantagedShare: m.economicallyDisadvantagedShare,
      };
    }
  }
}

/** What the caps leave: the per-order cap, and the per-district cap less what the district's earlier orders earned. */
function capRoomOf(terms: TermsVersion, earnedBefore: Cents): Cents | null {
  const { perOrder, perDistrict } = terms.terms.caps ?? {};
  const rooms = [
    ...(perOrder === undefined ? [] : [perOrder]),
    ...(perDistrict === undefined ? [] : [Math.max(0, perDistrict - earnedBefore)]),
  ];
  return rooms.length === 0 ? null : Math.min(...rooms);
}

export interface ShareFacts {
  order: OrderState;
  applicant: ApplicantState | undefined;
  terms: TermsVersion | null;
  /** Whether the order counts toward the program (an interlocal agreement preceded it where one is required). */
  counts: boolean;
  /** What the district's orders placed before this one earned, against a per-district cap. */
  earnedBefore: Cents;
}

/** Judges one order under the terms in force on its date: how much of its state share it earns, and why. */
export function decideShare({ order, applicant, terms, counts, earnedBefore }: ShareFacts): ShareDecision {
  if (!terms)
    return {
      terms,
      eligibleTotal: 0,
      limit: null,
      capRoom: null,
      outcome: null,
      earned: 0,
      reason: 'no-terms-in-force',
    };
  const eligible = eligibleTotal(order.lines, terms.terms.eligibleItems);
  const limit = limitOf(terms, eligible, applicant);
  const capRoom = capRoomOf(terms, earnedBefore);
  if (!limit)
    return { terms, eligibleTotal: eligible, limit, capRoom, outcome: null, earned: 0, reason: 'no-applicant-profile' };
  const outcome = earnedShareRule.apply(
    {
      total: order.total,
      stateShare: order.stateShare,
      districtShare: order.districtShare,
      shareLimit: limit.shareLimit,
      capRoom,
    },
    null,
  );
  const base = { terms, eligibleTotal: eligible, limit, capRoom, outcome };
  if (order.cancelled) return { ...base, earned: 0, reason: 'cancelled' };
  if (!counts) return { ...base, earned: 0, reason: 'not-counted' };
  return outcome.termsMet
    ? { ...base, earned: outcome.earned, reason: 'terms-met' }
    : { ...base, earned: 0, reason: 'district-below-minimum' };
}
