import { type FactsLookup } from '../shared/facts';
import { type BasisPoints } from '../shared/money';
import { type FrnDraft, type FrnLineState, type FrnState } from '../funding-request/state';
import { type ErateRuleSet } from '../rule-set/erate-rule-sets';
import { erateRuleSetForRequest } from '../rule-set/erate-rule-set-lookup';
import { type EligibleCost, eligibleCostRule } from '../rules/erate/eligible-cost-rule';
import { type PreDiscountCost, preDiscountCostRule } from '../rules/erate/pre-discount-cost-rule';
import { thirtyPercentRule, type ThirtyPercentResult } from '../rules/erate/thirty-percent-rule';

/** The cost figures of one FRN that need nothing beyond its own stream, plus the serious-violation flag. */
export interface FrnFigures {
  ruleSet: ErateRuleSet;
  lines: FrnLineState[];
  preDiscount: PreDiscountCost;
  eligibleCost: EligibleCost;
  thirtyPercent: ThirtyPercentResult;
}

export function activeOffers(state: FrnState) {
  return state.offers.filter((o) => o.withdrawnBy === undefined);
}

export function costAllocationsOf(state: FrnState): Map<string, BasisPoints> {
  const m = new Map<string, BasisPoints>();
  for (const o of activeOffers(state))
    if (o.type === 'CostAllocationDeclared') m.set(o.data.lineId, o.data.eligibleBasisPoints);
  return m;
}

/**
 * The rule set that judges a funding request as of the lookup's position: the one its draft names,
 * else the in-force set whose funding years cover its funding year; none when no set covers it.
 */
export const erateRuleSetOfFrn = (
  draft: Pick<FrnDraft, 'ruleSet' | 'fundingYear'>,
  facts: FactsLookup,
): ErateRuleSet | undefined => erateRuleSetForRequest(facts, draft.ruleSet, draft.fundingYear);

export function frnFigures(
  state: FrnState & { draft: NonNullable<FrnState['draft']> },
  ruleSet: ErateRuleSet,
  seriousViolation: boolean,
): FrnFigures {
  const p = ruleSet.params;
  const single = state.draft.singleBundlePrice;
  const preDiscount = preDiscountCostRule.apply(
    { lines: state.lines, offers: activeOffers(state), ...(single !== undefined ? { singleBundlePrice: single } : {}) },
    p,
  );
  const eligibleCost = eligibleCostRule.apply(
    {
      lines: state.lines,
      netPerLine: preDiscount.netPerLine,
      costAllocations: costAllocationsOf(state),
      ...(single !== undefined ? { singleBundlePrice: single } : {}),
    },
    p,
  );
  const thirtyPercent = thirtyPercentRule.apply(
    {
      ineligible: eligibleCost.ineligible,
      total: eligibleCost.total,
      seriousViolation,
      unseparatedBundle: eligibleCost.unseparatedBundle,
    },
    p,
  );
  return { ruleSet, lines: state.lines, preDiscount, eligibleCost, thirtyPercent };
}
