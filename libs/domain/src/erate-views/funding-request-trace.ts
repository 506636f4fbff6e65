import { type TraceStep } from '../shared/rule';
import { categoryTwoBudgetRule } from '../rules/erate/category-two-budget-rule';
import { discountRateRule } from '../rules/erate/discount-rate-rule';
import { eligibleCostRule } from '../rules/erate/eligible-cost-rule';
import { preDiscountCostRule } from '../rules/erate/pre-discount-cost-rule';
import { thirtyPercentRule } from '../rules/erate/thirty-percent-rule';
import { tradeInEligibilityRule } from '../rules/erate/program-dates-rules';
import { type FrnContext } from './frn-context';
import { type FrnFigures } from './frn-figures';
import { type JudgedFundingRequestView } from './funding-request-view';

/** The decision trace behind a funding-request view, step by step, each with its rule, rule set and events. */
export function fundingRequestTrace(view: JudgedFundingRequestView, ctx: FrnContext, figures: FrnFigures): TraceStep[] {
  const ruleSet = figures.ruleSet.id;
  const by = (rule: { id: string; citation: string }) => ({ ruleId: rule.id, ruleSet, citation: rule.citation });
  const lineEvents = [...new Set(ctx.state.lines.flatMap((l) => l.sourceEventIds))];
  const offers = ctx.state.offers.filter((o) => o.withdrawnBy === undefined);
  const d = view.discount;
  const steps: TraceStep[] = [
    {
      step: 'usual-cost', ...by(preDiscountCostRule), values: { usualCost: view.usualCost, singleBundlePrice: ctx.state.draft.singleBundlePrice ?? null }, sourceEventIds: lineEvents,
      explanation: ctx.state.draft.singleBundlePrice === undefined ? 'Sum of quantity × usual unit price over all lines' : 'Single bundle price, weighted across lines by their usual prices',
    },
    ...figures.preDiscount.deductions.map((x): TraceStep => ({
      step: `deduction:${x.kind}`, ...by(preDiscountCostRule), values: { amount: x.amount, basis: x.basis }, sourceEventIds: [x.sourceEventId],
      explanation: `${x.description}: ${x.amount} cents off, allocated across lines in proportion to what each still costs`,
    })),
    {
      step: 'eligible-cost', ...by(eligibleCostRule),
      values: { preDiscountCost: view.preDiscountCost, eligible: view.eligiblePreDiscountCost, ineligible: view.ineligibleCost, ancillaryException: figures.eligibleCost.ancillaryException, unseparatedBundle: figures.eligibleCost.unseparatedBundle },
      sourceEventIds: [...lineEvents, ...offers.filter((o) => o.type === 'CostAllocationDeclared').map((o) => o.eventId)],
      explanation: 'Ineligible lines allocated out; mixed lines keep their declared eligible share',
    },
    {
      step: '30-percent-rule', ...by(thirtyPercentRule),
      values: { ineligibleShareBasisPoints: view.ineligibleShareBasisPoints, thresholdBasisPoints: figures.ruleSet.params.thirtyPercentThresholdBasisPoints, outcome: view.thirtyPercentRule.outcome, deniedFor: view.thirtyPercentRule.deniedFor },
      sourceEventIds: [ctx.state.draft.eventId, ...offers.map((o) => o.eventId), ...ctx.donations.map((x) => x.eventId)],
      explanation: 'Under 30% ineligible: reduce and go on; 30% or more: deny; serious violations deny outright',
    },
    {
      step: 'discount-rate', ...by(discountRateRule),
      values: d
        ? {
            ratePercent: d.ratePercent, matrixRatePercent: d.matrixRatePercent, stateMatchPoints: d.stateMatchPoints, consortiumAveraged: d.consortiumAveraged,
            entities: d.entities.map((e) => `${e.applicant}: NSLP ${e.nslpBasisPoints} bp${e.cep ? `, CEP → ${e.matrixBasisPoints} bp` : ''}, ${e.locale} (${e.localeBasis}), band ${e.band} → ${e.ratePercent}%`).join('; '),
          }
        : { ratePercent: 0 },
      sourceEventIds: [
        ...(ctx.applicant?.profileEventIds ?? []),
        ...[...ctx.members.values()].flatMap((m) => m?.profileEventIds ?? []),
        ...offers.filter((o) => o.type === 'StateMatchCommitted').map((o) => o.eventId),
      ],
      explanation: d ? 'Discount matrix by NSLP share and locale; consortium simple average rounded half up; state match adds points up to the cap' : 'Applicant not registered: no discount',
    },
    {
      step: 'commitment', ...by(discountRateRule),
      values: { eligible: view.eligiblePreDiscountCost, ratePercent: d?.ratePercent ?? 0, requestedCommitment: view.requestedCommitment, fundableCommitment: view.fundableCommitment },
      sourceEventIds: [ctx.state.draft.eventId],
      explanation: 'Requested commitment = eligible pre-discount cost × discount rate (half-up to the cent); nothing is fundable when the request is denied',
    },
    {
      step: 'non-discount-share', ...by(tradeInEligibilityRule),
      values: { nonDiscountShare: view.nonDiscountShare.amount, tradeIns: view.nonDiscountShare.tradeIns.filter((t) => t.counted).reduce((a, t) => a + t.value, 0), grants: view.nonDiscountShare.grants, applicantPays: view.nonDiscountShare.applicantPays },
      sourceEventIds: [...view.nonDiscountShare.tradeIns.map((t) => t.sourceEventId), ...offers.filter((o) => o.type === 'GrantReceived').map((o) => o.eventId)],
      explanation: 'The applicant pays the rest itself; trade-ins of equipment at least five years old and independent grants may pay it',
    },
  ];
  if (view.categoryTwoBudget) {
    const b = view.categoryTwoBudget;
    steps.push({
      step: 'category-two-budget', ...by(categoryTwoBudgetRule), values: { budget: b.budget, basis: b.basis, usedByOtherRequests: b.usedByOtherRequests, remainingAfterThisRequest: b.remainingAfterThisRequest },
      sourceEventIds: [...(ctx.applicant?.profileEventIds ?? []), ctx.state.draft.eventId], explanation: 'Five-year pre-discount budget for Category 2',
    });
  }
  return steps;
}
