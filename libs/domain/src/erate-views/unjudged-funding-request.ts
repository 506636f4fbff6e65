import { type DraftedFrn } from './frn-context';
import { type FundingRequestView } from './funding-request-view';
import { findingOf } from '../rules/erate/breach';
import { noRuleSetMessage, ruleSetInForceRule } from '../rules/erate/rule-set-in-force-rule';
import { committedAmount } from '../funding-request/state';
import { sum } from '../shared/money';

/**
 * A request no rule set judges (its funding year has none, as of the view's position): the recorded
 * facts and one finding saying so; no cost, discount, commitment or budget figure, since each one is
 * computed by a funding year's rule set.
 */
export function unjudgedFundingRequest(frn: string, state: DraftedFrn, position: number): FundingRequestView {
  const { draft } = state;
  return {
    frn,
    position,
    status: state.status,
    ruleSet: null,
    applicant: draft.applicant,
    category: draft.category,
    spin: draft.spin,
    procurement: draft.procurement,
    contractNumber: draft.contractNumber ?? null,
    fundingYear: draft.fundingYear,
    serviceStartDate: draft.serviceStartDate,
    lines: state.lines.map(({ lastSetBy: _lastSetBy, sourceEventIds, ...line }) => ({
      ...line,
      usualCost: null,
      preDiscountCost: null,
      eligibleCost: null,
      sourceEventIds,
    })),
    usualCost: null,
    deductions: [],
    preDiscountCost: null,
    eligiblePreDiscountCost: null,
    ineligibleCost: null,
    ineligibleShareBasisPoints: null,
    thirtyPercentRule: null,
    discount: null,
    stateMatch: null,
    shares: null,
    requestedCommitment: null,
    fundableCommitment: null,
    nonDiscountShare: null,
    categoryTwoBudget: null,
    funding: {
      committed: state.commitment?.amount ?? null,
      committedOn: state.commitment?.committedOn ?? null,
      reduced: sum(state.reductions.map((r) => r.amount)),
      committedAfterReductions: committedAmount(state),
      invoiced: sum(state.invoices.map((i) => i.amount)),
    },
    dates: {
      form486DueOn: null,
      form486FiledOn: state.form486?.filedOn ?? null,
      serviceDeliveryDeadline: null,
      invoiceDueOn: null,
      recordsRetainedUntil: null,
    },
    findings: [
      findingOf(ruleSetInForceRule, 'none', frn, {
        severity: 'violation',
        message: noRuleSetMessage(draft.fundingYear, draft.ruleSet),
        sourceEventIds: [draft.eventId],
      }),
    ],
    trace: [],
  };
}
