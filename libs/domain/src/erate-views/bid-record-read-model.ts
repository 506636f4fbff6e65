import { type CalendarDate } from '../shared/dates';
import { type FactsLookup } from '../shared/facts';
import { type Finding } from '../shared/finding';
import { type Cents } from '../shared/money';
import { type ReadModel } from '../shared/read-model';
import { type BidLine, type EvaluationFactor } from '../procurement/events';
import { type ProcurementState } from '../procurement/state';
import { allowableContractDate, twentyEightDayWaitRule } from '../rules/erate/program-dates-rules';
import { bidEligibleCost, costEffectiveSelectionRule, priceWeightRule } from '../rules/erate/bid-evaluation-rule';
import { type Breach, findingOf } from '../rules/erate/breach';
import { erateRuleSetOnDate } from '../rule-set/erate-rule-set-lookup';

export interface BidView {
  bidId: string;
  spin: string;
  receivedOn: CalendarDate;
  lines: BidLine[];
  bundlePrice: Cents | null;
  /** Eligible cost with ineligible extras not counted; null when a single price hides ineligible parts. */
  eligibleCost: Cents | null;
  /** Sum of points × weight / 100 over factors, per the latest evaluation; null before any evaluation. */
  weightedScore: number | null;
  sourceEventId: string;
}

export interface BidRecordView {
  procurement: string;
  position: number;
  ruleSet: string;
  form470Number: string;
  applicant: string;
  category: 1 | 2;
  servicesRequested: string[];
  certifyDate: CalendarDate;
  allowableContractDate: CalendarDate;
  bids: BidView[];
  evaluation: { factors: EvaluationFactor[]; evaluatedOn: CalendarDate; sourceEventId: string } | null;
  winner: {
    bidId: string;
    spin: string;
    selectedOn: CalendarDate;
    reason: string | null;
    lowestEligibleCost: boolean;
    sourceEventId: string;
  } | null;
  contract: { contractNumber: string; bidId: string; signedOn: CalendarDate; sourceEventId: string } | null;
  findings: Finding[];
}

export function renderBidRecord(procurement: string, facts: FactsLookup): BidRecordView | undefined {
  const state = facts.state<ProcurementState>(procurement);
  const posted = state?.posted;
  if (!state || !posted) return undefined;
  const ruleSet = erateRuleSetOnDate(facts, posted.ruleSet, posted.postedOn);
  const p = ruleSet.params;
  const evaluation = state.evaluations.at(-1);
  const weighted = (bidId: string): number | null =>
    evaluation
      ? evaluation.factors.reduce(
          (total, f) =>
            total +
            ((evaluation.scores.find((s) => s.bidId === bidId && s.factor === f.name)?.points ?? 0) * f.weightPercent) /
              100,
          0,
        )
      : null;
  const bids: BidView[] = state.bids.map((b) => ({
    bidId: b.bidId,
    spin: b.spin,
    receivedOn: b.receivedOn,
    lines: b.lines,
    bundlePrice: b.bundlePrice ?? null,
    eligibleCost: bidEligibleCost(b),
    weightedScore: weighted(b.bidId),
    sourceEventId: b.eventId,
  }));
  const acd = allowableContractDate(posted.certifyDate, p);
  const findings: Finding[] = [];
  const add = (rule: Parameters<typeof findingOf>[0]) => (b: Breach) =>
    findings.push(findingOf(rule, ruleSet.id, procurement, b));
  for (const e of state.evaluations)
    priceWeightRule.apply({ factors: e.factors, eventId: e.eventId }, p).forEach(add(priceWeightRule));
  const selection = state.selection;
  if (selection)
    costEffectiveSelectionRule.apply({ bids: state.bids, selection }, p).forEach(add(costEffectiveSelectionRule));
  const acts = [
    ...(selection
      ? [{ act: `Vendor selected (bid ${selection.bidId})`, on: selection.selectedOn, eventId: selection.eventId }]
      : []),
    ...(state.contract
      ? [
          {
            act: `Contract ${state.contract.contractNumber} signed`,
            on: state.contract.signedOn,
            eventId: state.contract.eventId,
          },
        ]
      : []),
  ];
  twentyEightDayWaitRule
    .apply({ certifyDate: posted.certifyDate, form470EventId: posted.eventId, acts }, p)
    .forEach(add(twentyEightDayWaitRule));
  const known = bids.map((b) => b.eligibleCost).filter((c): c is Cents => c !== null);
  const winningBid = selection ? bids.find((b) => b.bidId === selection.bidId) : undefined;
  return {
    procurement,
    position: facts.position,
    ruleSet: ruleSet.id,
    form470Number: posted.form470Number,
    applicant: posted.applicant,
    category: posted.category,
    servicesRequested: posted.servicesRequested,
    certifyDate: posted.certifyDate,
    allowableContractDate: acd,
    bids,
    evaluation: evaluation
      ? { factors: evaluation.factors, evaluatedOn: evaluation.evaluatedOn, sourceEventId: evaluation.eventId }
      : null,
    winner:
      selection && winningBid
        ? {
            bidId: selection.bidId,
            spin: winningBid.spin,
            selectedOn: selection.selectedOn,
            reason: selection.reason ?? null,
            lowestEligibleCost: winningBid.eligibleCost !== null && known.every((c) => winningBid.eligibleCost! <= c),
            sourceEventId: selection.eventId,
          }
        : null,
    contract: state.contract
      ? {
          contractNumber: state.contract.contractNumber,
          bidId: state.contract.bidId,
          signedOn: state.contract.signedOn,
          sourceEventId: state.contract.eventId,
        }
      : null,
    findings,
  };
}

export const bidRecordReadModel: ReadModel<BidRecordView> = {
  name: 'bid-record',
  rootPrefix: 'procurement',
  render: renderBidRecord,
};
