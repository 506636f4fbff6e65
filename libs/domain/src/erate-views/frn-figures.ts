import { type BasisPoints } from '../shared/money';
import { type RuleSet } from '../shared/rule';
import { type FrnLineState, type FrnState } from '../funding-request/state';
import { erateRuleSetById } from '../rules/erate/erate-rule-sets';
import { type ErateParams } from '../rules/erate/erate-params';
import { type EligibleCost, eligibleCostRule } from '../rules/erate/eligible-cost-rule';
import { type PreDiscountCost, preDiscountCostRule } from '../rules/erate/pre-discount-cost-rule';
import { thirtyPercentRule, type ThirtyPercentResult } from '../rules/erate/thirty-percent-rule';

/** The cost figures of one FRN that need nothing beyond its own stream, plus the serious-violation flag. */
export interface FrnFigures {
  ruleSet: RuleSet<ErateParams>;
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
  for (const o of activeOffers(state)) if (o.type === 'CostAllocationDeclared') m.set(o.data.lineId, o.data.eligibleBasisPoints);
  return m;
}

export function frnFigures(state: FrnState & { draft: NonNullable<FrnState['draft']> }, seriousViolation: boolean): FrnFigures {
  const ruleSet = erateRuleSetById(state.draft.ruleSet);
  const p = ruleSet.params;
  const single = state.draft.singleBundlePrice;
  const preDiscount = preDiscountCostRule.apply({ lines: state.lines, offers: activeOffers(state), ...(single !== undefined ? { singleBundlePrice: single } : {}) }, p);
  const eligibleCost = eligibleCostRule.apply(
    { lines: state.lines, netPerLine: preDiscount.netPerLine, costAllocations: costAllocationsOf(state), ...(single !== undefined ? { singleBundlePrice: single } : {}) },
    p,
  );
  const thirtyPercent = thirtyPercentRule.apply({ ineligible: eligibleCost.ineligible, total: eligibleCost.total, seriousViolation, unseparatedBundle: eligibleCost.unseparatedBundle }, p);
  return { ruleSet, lines: state.lines, preDiscount, eligibleCost, thirtyPercent };
}
