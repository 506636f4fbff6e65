import { type FactsLookup } from '../shared/facts';
import { applyRate, type Cents, sum } from '../shared/money';
import { type ReadModel } from '../shared/read-model';
import { type ApplicantState } from '../applicant/state';
import { committedAmount, type FrnState } from '../funding-request/state';
import { findingOf } from '../rules/erate/breach';
import { type CategoryTwoBudget, categoryTwoBudgetRule } from '../rules/erate/category-two-budget-rule';
import { discountRateRule } from '../rules/erate/discount-rate-rule';
import { frnCompliance } from './frn-compliance';
import { type DraftedFrn, frnContext } from './frn-context';
import { erateRuleSetOfFrn, frnFigures } from './frn-figures';
import { unjudgedFundingRequest } from './unjudged-funding-request';
import { fundingRequestTrace } from './funding-request-trace';

import { type FundingRequestView, type JudgedFundingRequestView, type TradeInApplied } from './funding-request-view';

export type { DeductionView, FundingRequestLineView, FundingRequestView, TradeInApplied } from './funding-request-view';

const isDrafted = (s: FrnState | undefined): s is DraftedFrn => s?.draft !== undefined;

/** Eligible pre-discount cost of the applicant's other Category 2 requests in the same budget cycle. */
function categoryTwoUsedByOthers(frn: string, applicant: string, cycle: CategoryTwoBudget['cycle'], facts: FactsLookup): Cents {
  return sum(
    facts
      .linkedFrom(applicant, 'frn')
      .filter((other) => other !== frn)
      .map((other) => facts.state<FrnState>(other))
      .filter(isDrafted)
      .filter((s) => s.draft.applicant === applicant && s.draft.category === 2 && s.status !== 'denied')
      .filter((s) => s.draft.fundingYear >= cycle.firstFundingYear && s.draft.fundingYear <= cycle.lastFundingYear)
      .flatMap((s) => {
        const ruleSet = erateRuleSetOfFrn(s.draft, facts);
        return ruleSet ? [frnFigures(s, ruleSet, false).eligibleCost.eligible] : [];
      }),
  );
}

export function renderFundingRequest(frn: string, facts: FactsLookup): FundingRequestView | undefined {
  const state = facts.state<FrnState>(frn);
  if (!isDrafted(state)) return undefined;
  const ruleSet = erateRuleSetOfFrn(state.draft, facts);
  if (!ruleSet) return unjudgedFundingRequest(frn, state, facts.position);
  const ctx = frnContext(frn, state, facts, ruleSet);
  const draft = state.draft;
  const compliance = frnCompliance(ctx);
  const figures = frnFigures(state, ruleSet, compliance.seriousBreaches.length > 0);
  const p = figures.ruleSet.params;
  const applicant: ApplicantState | undefined = ctx.applicant?.registered ? ctx.applicant : undefined;
  const statePercent = Math.max(0, ...state.offers.filter((o) => o.withdrawnBy === undefined && o.type === 'StateMatchCommitted').map((o) => (o.type === 'StateMatchCommitted' ? o.data.statePercent : 0)));
  const discount = applicant
    ? discountRateRule.apply({ category: draft.category, applicantStream: draft.applicant, applicant, members: ctx.members, statePercent }, p)
    : null;
  const eligible = figures.eligibleCost.eligible;
  const requestedCommitment = applyRate(eligible, (discount?.ratePercent ?? 0) * 100);
  const fundableCommitment = figures.thirtyPercent.outcome === 'deny' ? 0 : requestedCommitment;
  const nonDiscount = eligible - requestedCommitment;
  const tradeIns: TradeInApplied[] = ctx.tradeIns.map(({ asset, state: a }) => ({
    asset, value: a.tradeIn!.value, tradedInOn: a.tradeIn!.tradedInOn, counted: !compliance.earlyTradeInEventIds.includes(a.tradeIn!.eventId), sourceEventId: a.tradeIn!.eventId,
  }));
  const grants = sum(state.offers.flatMap((o) => (o.withdrawnBy === undefined && o.type === 'GrantReceived' && o.data.independentOfServiceProvider ? [o.data.amount] : [])));
  const paidByOthers = sum(tradeIns.filter((t) => t.counted).map((t) => t.value)) + grants;

  let categoryTwoBudget: FundingRequestView['categoryTwoBudget'] = null;
  const findings = [...compliance.findings];
  const members = [...ctx.members.values()].filter((m): m is ApplicantState => m?.registered === true);
  const budget = draft.category === 2 && applicant ? categoryTwoBudgetRule.apply({ applicant, members }, p) : undefined;
  // A request outside the rule set's budget cycle has no budget the ledger knows figures for.
  if (budget && applicant && draft.fundingYear >= budget.cycle.firstFundingYear && draft.fundingYear <= budget.cycle.lastFundingYear) {
    const used = categoryTwoUsedByOthers(frn, draft.applicant, budget.cycle, facts);
    categoryTwoBudget = { ...budget, usedByOtherRequests: used, remainingAfterThisRequest: budget.budget - used - eligible };
    if (categoryTwoBudget.remainingAfterThisRequest < 0) {
      findings.push(findingOf(categoryTwoBudgetRule, figures.ruleSet.id, frn, {
        severity: 'violation',
        message: `Category 2 requests of FY${budget.cycle.firstFundingYear}–${budget.cycle.lastFundingYear} exceed the ${budget.budget} cents budget by ${-categoryTwoBudget.remainingAfterThisRequest} cents`,
        sourceEventIds: [draft.eventId, ...ctx.applicant!.profileEventIds],
      }));
    }
  }
  if (!applicant) {
    findings.push(findingOf(discountRateRule, figures.ruleSet.id, frn, { severity: 'warning', message: `${draft.applicant} is not registered; no discount rate can be derived`, sourceEventIds: [draft.eventId] }));
  } else if (discount && discount.missingMembers.length > 0) {
    findings.push(findingOf(discountRateRule, figures.ruleSet.id, frn, { severity: 'warning', message: `Consortium members ${discount.missingMembers.join(', ')} are not registered and are left out of the average`, sourceEventIds: [draft.eventId] }));
  }

  const view: JudgedFundingRequestView = {
    frn, position: facts.position, status: state.status, ruleSet: figures.ruleSet.id, applicant: draft.applicant, category: draft.category, spin: draft.spin,
    procurement: draft.procurement, contractNumber: draft.contractNumber ?? null, fundingYear: draft.fundingYear, serviceStartDate: draft.serviceStartDate,
    lines: state.lines.map(({ lastSetBy: _lastSetBy, sourceEventIds, ...line }, i) => ({
      ...line, usualCost: figures.preDiscount.usualPerLine[i]!, preDiscountCost: figures.preDiscount.netPerLine[i]!, eligibleCost: figures.eligibleCost.eligiblePerLine[i]!, sourceEventIds,
    })),
    usualCost: figures.preDiscount.usualCost,
    deductions: figures.preDiscount.deductions.map(({ perLine: _perLine, ...d }) => d),
    preDiscountCost: figures.preDiscount.netCost,
    eligiblePreDiscountCost: eligible,
    ineligibleCost: figures.eligibleCost.ineligible,
    ineligibleShareBasisPoints: figures.thirtyPercent.ineligibleShareBasisPoints,
    thirtyPercentRule: { outcome: figures.thirtyPercent.outcome, deniedFor: figures.thirtyPercent.deniedFor ?? null },
    discount, requestedCommitment, fundableCommitment,
    nonDiscountShare: { amount: nonDiscount, tradeIns, grants, applicantPays: Math.max(0, nonDiscount - paidByOthers) },
    categoryTwoBudget,
    funding: {
      committed: state.commitment?.amount ?? null, committedOn: state.commitment?.committedOn ?? null, reduced: sum(state.reductions.map((r) => r.amount)),
      committedAfterReductions: committedAmount(state), invoiced: sum(state.invoices.map((i) => i.amount)),
    },
    dates: compliance.dates,
    findings: [...findings, ...compliance.outcomeFindings(figures)],
    trace: [],
  };
  view.trace = fundingRequestTrace(view, ctx, figures);
  return view;
}

export const fundingRequestReadModel: ReadModel<FundingRequestView> = { name: 'funding-request', rootPrefix: 'frn', render: renderFundingRequest };
