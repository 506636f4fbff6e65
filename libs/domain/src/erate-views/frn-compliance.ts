import { type CalendarDate } from '../shared/dates';
import { assertNever } from '../shared/errors';
import { type Finding } from '../shared/finding';
import { formatUsd } from '../shared/money';
import { type Breach, findingOf } from '../rules/erate/breach';
import { eligibleCostRule } from '../rules/erate/eligible-cost-rule';
import { freeItemDeductionRule } from '../rules/erate/free-item-deduction-rule';
import { inflatedEligibleCostRule, ineligibleIdentificationRule } from '../rules/erate/frn-line-rules';
import { defaultLastDayOfService, form486DeadlineRule, recordsRetentionRule, tradeInEligibilityRule } from '../rules/erate/program-dates-rules';
import { grantIndependenceRule, providerDonationRule } from '../rules/erate/provider-donation-rule';
import { thirtyPercentRule } from '../rules/erate/thirty-percent-rule';
import { type FrnContext } from './frn-context';
import { type FrnFigures } from './frn-figures';

const pct = (bp: number): string => `${(bp / 100).toFixed(2)}%`;

export interface FrnCompliance {
  /** Serious violations: the request is denied outright, whatever its ineligible share. */
  seriousBreaches: Breach[];
  findings: Finding[];
  earlyTradeInEventIds: string[];
  dates: { form486DueOn: CalendarDate | null; form486FiledOn: CalendarDate | null; recordsRetainedUntil: CalendarDate };
  /** Findings about the 30%-rule outcome, once the cost figures are known. */
  outcomeFindings: (figures: FrnFigures) => Finding[];
}

/** Every E-Rate rule about one FRN that is not arithmetic, as findings with their rule, rule set and source events. */
export function frnCompliance(ctx: FrnContext): FrnCompliance {
  const { frn, state } = ctx;
  const draft = state.draft;
  const ruleSet = ctx.ruleSet;
  const p = ruleSet.params;
  const finding = (rule: Parameters<typeof findingOf>[0]) => (b: Breach) => findingOf(rule, ruleSet.id, frn, b);
  const offers = state.offers.filter((o) => o.withdrawnBy === undefined);

  const scope = { applicants: [draft.applicant, ...ctx.members.keys()], procurement: draft.procurement };
  const donationBreaches = providerDonationRule.apply({ donations: ctx.donations, frn: scope }, p);
  const grantBreaches = grantIndependenceRule.apply({ grants: offers.flatMap((o) => (o.type === 'GrantReceived' ? [{ ...o.data, eventId: o.eventId }] : [])) }, p);
  const seriousBreaches = [...donationBreaches, ...grantBreaches];

  const freeItems = freeItemDeductionRule.apply({ items: offers.flatMap((o) => (o.type === 'FreeItemOffered' ? [{ ...o.data, eventId: o.eventId }] : [])) }, p);
  const identification = ineligibleIdentificationRule.apply(
    { items: state.lines.map((l) => ({ label: `line ${l.lineId} (${l.product})`, eligible: l.eligible, product: l.product, model: l.model, location: l.location, sourceEventIds: [l.lastSetBy] })) },
    p,
  );
  const providerBids = (ctx.procurement?.bids ?? []).filter((b) => b.spin === draft.spin);
  const selected = ctx.procurement?.selection?.bidId;
  const bidsToCompare = providerBids.some((b) => b.bidId === selected) ? providerBids.filter((b) => b.bidId === selected) : providerBids;
  const inflated = inflatedEligibleCostRule.apply({ lines: state.lines, bids: bidsToCompare }, p);

  const early = ctx.tradeIns.filter(({ state: a }) => a.tradeIn!.tradedInOn < tradeInEligibilityRule.apply({ installedOn: a.installed!.installedOn }, p));
  const earlyBreaches: Breach[] = early.map(({ asset, state: a }) => ({
    severity: 'violation',
    message: `${asset} was traded in on ${a.tradeIn!.tradedInOn}, before ${tradeInEligibilityRule.apply({ installedOn: a.installed!.installedOn }, p)}; its ${formatUsd(a.tradeIn!.value)} may not pay this request's share`,
    sourceEventIds: [a.installed!.eventId, a.tradeIn!.eventId],
  }));

  const form486DueOn = state.commitment ? form486DeadlineRule.apply({ serviceStartDate: draft.serviceStartDate, committedOn: state.commitment.committedOn }, p) : null;
  const form486: Breach[] = [];
  if (form486DueOn && state.form486 && state.form486.filedOn > form486DueOn) {
    form486.push({ severity: 'warning', message: `Form 486 filed on ${state.form486.filedOn}, after it was due on ${form486DueOn}; support before filing may be reduced`, sourceEventIds: [state.commitment!.eventId, state.form486.eventId] });
  } else if (form486DueOn && !state.form486) {
    form486.push({ severity: 'info', message: `Form 486 is due by ${form486DueOn}`, sourceEventIds: [draft.eventId, state.commitment!.eventId] });
  }
  const lastDayOfService = draft.serviceEndDate ?? defaultLastDayOfService(draft.fundingYear);
  const recordsRetainedUntil = recordsRetentionRule.apply({ lastDayOfService }, p);

  const findings = [
    ...donationBreaches.map(finding(providerDonationRule)),
    ...grantBreaches.map(finding(grantIndependenceRule)),
    ...freeItems.map(finding(freeItemDeductionRule)),
    ...identification.map(finding(ineligibleIdentificationRule)),
    ...inflated.map(finding(inflatedEligibleCostRule)),
    ...earlyBreaches.map(finding(tradeInEligibilityRule)),
    ...form486.map(finding(form486DeadlineRule)),
    finding(recordsRetentionRule)({ severity: 'info', message: `Keep procurement and service records until ${recordsRetainedUntil} (last day of service ${lastDayOfService})`, sourceEventIds: [draft.eventId] }),
  ];

  const outcomeFindings = (figures: FrnFigures): Finding[] => {
    const t = figures.thirtyPercent;
    const share = pct(t.ineligibleShareBasisPoints);
    const costEvents = [draft.eventId, ...offers.map((o) => o.eventId)];
    switch (t.deniedFor) {
      case 'serious-violation':
        return [finding(thirtyPercentRule)({ severity: 'serious', message: 'Serious violation of program rules: the request is denied outright and the 30% rule does not apply', sourceEventIds: seriousBreaches.flatMap((b) => b.sourceEventIds) })];
      case 'unseparated-bundle':
        return [finding(eligibleCostRule)({
          severity: 'violation',
          message: `A single price covers eligible and ineligible components (${figures.eligibleCost.unseparatedLineIds.join(', ')}) that are not ancillary; the request cannot be approved`,
          sourceEventIds: [draft.eventId],
        })];
      case 'ineligible-share':
        return [finding(thirtyPercentRule)({ severity: 'violation', message: `Ineligible share ${share} is 30% or more of ${formatUsd(figures.eligibleCost.total)}: the request is denied`, sourceEventIds: costEvents })];
      case undefined:
        return t.outcome === 'reduce-by-ineligible-share'
          ? [finding(thirtyPercentRule)({ severity: 'warning', message: `Ineligible share ${share} (${formatUsd(figures.eligibleCost.ineligible)}) is under 30%: the request is reduced by it`, sourceEventIds: costEvents })]
          : [];
      default:
        return assertNever(t.deniedFor);
    }
  };

  return {
    seriousBreaches, findings, earlyTradeInEventIds: early.map((e) => e.state.tradeIn!.eventId),
    dates: { form486DueOn, form486FiledOn: state.form486?.filedOn ?? null, recordsRetainedUntil }, outcomeFindings,
  };
}
