import { type FactsLookup } from '../shared/facts';
import { sum } from '../shared/money';
import { type ReadModel } from '../shared/read-model';
import { type ApplicantState } from '../applicant/state';
import { committedAmount, type FrnState } from '../funding-request/state';
import { findingOf } from '../rules/erate/breach';
import { discountRateRule } from '../rules/erate/discount-rate-rule';
import { stateMatchRule } from '../rules/erate/state-match-rule';
import { categoryTwoBudgets } from './category-two-draws';
import { frnCompliance } from './frn-compliance';
import { type DraftedFrn, frnContext } from './frn-context';
import { activeOffers, erateRuleSetOfFrn, frnFigures } from './frn-figures';
import { unjudgedFundingRequest } from './unjudged-funding-request';
import { fundingRequestTrace } from './funding-request-trace';

import { type FundingRequestView, type JudgedFundingRequestView, type TradeInApplied } from './funding-request-view';

export type {
  CategoryTwoBudgetDraw,
  CategoryTwoBudgetView,
  DeductionView,
  FundingRequestLineView,
  FundingRequestView,
  StateMatchView,
  TradeInApplied,
} from './funding-request-view';

const isDrafted = (s: FrnState | undefined): s is DraftedFrn => s?.draft !== undefined;

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
  const discount = applicant
    ? discountRateRule.apply(
        { category: draft.category, applicantStream: draft.applicant, directory: ctx.directory },
        p,
      )
    : null;
  const eligible = figures.eligibleCost.eligible;
  const matches = activeOffers(state).filter((o) => o.type === 'StateMatchCommitted');
  const statePercent = Math.max(0, ...matches.map((o) => (o.type === 'StateMatchCommitted' ? o.data.statePercent : 0)));
  const specialConstructionCost = sum(
    state.lines.flatMap((l, i) => (l.specialConstruction === true ? [figures.eligibleCost.eligiblePerLine[i]!] : [])),
  );
  const shares = stateMatchRule.apply(
    {
      category: draft.category,
      discountPercent: discount?.ratePercent ?? 0,
      statePercent,
      eligibleCost: eligible,
      specialConstructionCost,
    },
    p,
  );
  const requestedCommitment = shares.erateShare;
  const fundableCommitment = figures.thirtyPercent.outcome === 'deny' ? 0 : requestedCommitment;
  const tradeIns: TradeInApplied[] = ctx.tradeIns.map(({ asset, state: a }) => ({
    asset,
    value: a.tradeIn!.value,
    tradedInOn: a.tradeIn!.tradedInOn,
    counted: !compliance.earlyTradeInEventIds.includes(a.tradeIn!.eventId),
    sourceEventId: a.tradeIn!.eventId,
  }));
  const grants = sum(
    state.offers.flatMap((o) =>
      o.withdrawnBy === undefined && o.type === 'GrantReceived' && o.data.independentOfServiceProvider
        ? [o.data.amount]
        : [],
    ),
  );
  const paidByOthers = sum(tradeIns.filter((t) => t.counted).map((t) => t.value)) + grants;

  const findings = [...compliance.findings];
  const budgets = categoryTwoBudgets(
    frn,
    state,
    figures.eligibleCost.eligiblePerLine,
    ctx.directory,
    figures.ruleSet,
    facts,
  );
  findings.push(...budgets.findings);
  const matchEventIds = matches.map((o) => o.eventId);
  if (shares.note)
    findings.push(
      findingOf(stateMatchRule, figures.ruleSet.id, frn, {
        ...shares.note,
        sourceEventIds: [draft.eventId, ...matchEventIds],
      }),
    );
  if (!applicant) {
    findings.push(
      findingOf(discountRateRule, figures.ruleSet.id, frn, {
        severity: 'warning',
        message: `${draft.applicant} is not registered; no discount rate can be derived`,
        sourceEventIds: [draft.eventId],
      }),
    );
  } else if (discount) {
    if (discount.missingMembers.length > 0) {
      findings.push(
        findingOf(discountRateRule, figures.ruleSet.id, frn, {
          severity: 'warning',
          message: `Consortium members ${discount.missingMembers.join(', ')} are not registered and are left out of the average`,
          sourceEventIds: [draft.eventId],
        }),
      );
    }
    for (const gap of discount.gaps)
      findings.push(
        findingOf(discountRateRule, figures.ruleSet.id, frn, {
          severity: 'warning',
          message: gap.message,
          sourceEventIds: gap.sourceEventIds,
        }),
      );
  }

  const view: JudgedFundingRequestView = {
    frn,
    position: facts.position,
    status: state.status,
    ruleSet: figures.ruleSet.id,
    applicant: draft.applicant,
    category: draft.category,
    spin: draft.spin,
    procurement: draft.procurement,
    contractNumber: draft.contractNumber ?? null,
    fundingYear: draft.fundingYear,
    serviceStartDate: draft.serviceStartDate,
    lines: state.lines.map(({ lastSetBy: _lastSetBy, sourceEventIds, ...line }, i) => ({
      ...line,
      usualCost: figures.preDiscount.usualPerLine[i]!,
      preDiscountCost: figures.preDiscount.netPerLine[i]!,
      eligibleCost: figures.eligibleCost.eligiblePerLine[i]!,
      sourceEventIds,
    })),
    usualCost: figures.preDiscount.usualCost,
    deductions: figures.preDiscount.deductions.map(({ perLine: _perLine, ...d }) => d),
    preDiscountCost: figures.preDiscount.netCost,
    eligiblePreDiscountCost: eligible,
    ineligibleCost: figures.eligibleCost.ineligible,
    ineligibleShareBasisPoints: figures.thirtyPercent.ineligibleShareBasisPoints,
    thirtyPercentRule: { outcome: figures.thirtyPercent.outcome, deniedFor: figures.thirtyPercent.deniedFor ?? null },
    discount,
    stateMatch: {
      status: shares.status,
      statePercent: shares.statePercent,
      statePercentCounted: shares.statePercentCounted,
      extraPoints: shares.extraPoints,
      specialConstructionCost,
      sourceEventIds: matchEventIds,
    },
    shares: {
      eligiblePreDiscountCost: eligible,
      erate: shares.erateShare,
      stateFunding: shares.stateFunding,
      applicant: shares.applicantShare,
    },
    requestedCommitment,
    fundableCommitment,
    nonDiscountShare: {
      amount: eligible - shares.erateShare,
      stateFunding: shares.stateFunding,
      applicantShare: shares.applicantShare,
      tradeIns,
      grants,
      applicantPays: Math.max(0, shares.applicantShare - paidByOthers),
    },
    categoryTwoBudget: budgets.view,
    funding: {
      committed: state.commitment?.amount ?? null,
      committedOn: state.commitment?.committedOn ?? null,
      reduced: sum(state.reductions.map((r) => r.amount)),
      committedAfterReductions: committedAmount(state),
      invoiced: sum(state.invoices.map((i) => i.amount)),
    },
    dates: compliance.dates,
    findings: [...findings, ...compliance.outcomeFindings(figures)],
    trace: [],
  };
  view.trace = fundingRequestTrace(view, ctx, figures);
  return view;
}

export const fundingRequestReadModel: ReadModel<FundingRequestView> = {
  name: 'funding-request',
  rootPrefix: 'frn',
  render: renderFundingRequest,
};
