import { type CalendarDate } from '../shared/dates';
import { assertNever } from '../shared/errors';
import { type Finding } from '../shared/finding';
import { formatUsd } from '../shared/money';
import { type Breach, findingOf } from '../rules/erate/breach';
import { eligibleCostRule } from '../rules/erate/eligible-cost-rule';
import { freeItemDeductionRule } from '../rules/erate/free-item-deduction-rule';
import { inflatedEligibleCostRule, ineligibleIdentificationRule } from '../rules/erate/frn-line-rules';
import { cipaCertificationRule } from '../rules/erate/cipa-certification-rule';
import { form471WindowRule } from '../rules/erate/form-471-window-rule';
import { invoiceDeadlineRule } from '../rules/erate/invoice-deadline-rule';
import {
  form486DeadlineRule,
  fundingYearLastDay,
  recordsRetentionRule,
  tradeInEligibilityRule,
  twentyEightDayWaitRule,
} from '../rules/erate/program-dates-rules';
import { serviceDeliveryDeadlineRule } from '../rules/erate/service-delivery-rule';
import { grantIndependenceRule, providerDonationRule } from '../rules/erate/provider-donation-rule';
import { thirtyPercentRule } from '../rules/erate/thirty-percent-rule';
import { type FrnContext } from './frn-context';
import { type FrnFigures } from './frn-figures';

const pct = (bp: number): string => `${(bp / 100).toFixed(2)}%`;

export interface FrnDates {
  form486DueOn: CalendarDate | null;
  form486FiledOn: CalendarDate | null;
  /** Service delivery deadline, extensions included. */
  serviceDeliveryDeadline: CalendarDate;
  /**
   * Invoice deadline, extension included; null before commitment or while the Form 486 notification date is not
   * recorded.
   */
  invoiceDueOn: CalendarDate | null;
  recordsRetainedUntil: CalendarDate;
}

export interface FrnCompliance {
  /** Serious violations: the request is denied outright, whatever its ineligible share. */
  seriousBreaches: Breach[];
  findings: Finding[];
  earlyTradeInEventIds: string[];
  dates: FrnDates;
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
  const grantBreaches = grantIndependenceRule.apply(
    { grants: offers.flatMap((o) => (o.type === 'GrantReceived' ? [{ ...o.data, eventId: o.eventId }] : [])) },
    p,
  );
  const seriousBreaches = [...donationBreaches, ...grantBreaches];

  const freeItems = freeItemDeductionRule.apply(
    { items: offers.flatMap((o) => (o.type === 'FreeItemOffered' ? [{ ...o.data, eventId: o.eventId }] : [])) },
    p,
  );
  const identification = ineligibleIdentificationRule.apply(
    {
      items: state.lines.map((l) => ({
        label: `line ${l.lineId} (${l.product})`,
        eligible: l.eligible,
        product: l.product,
        model: l.model,
        location: l.location,
        sourceEventIds: [l.lastSetBy],
      })),
    },
    p,
  );
  const providerBids = (ctx.procurement?.bids ?? []).filter((b) => b.spin === draft.spin);
  const selected = ctx.procurement?.selection?.bidId;
  const bidsToCompare = providerBids.some((b) => b.bidId === selected)
    ? providerBids.filter((b) => b.bidId === selected)
    : providerBids;
  const inflated = inflatedEligibleCostRule.apply({ lines: state.lines, bids: bidsToCompare }, p);

  const early = ctx.tradeIns.filter(
    ({ state: a }) =>
      a.tradeIn!.tradedInOn < tradeInEligibilityRule.apply({ installedOn: a.installed!.installedOn }, p),
  );
  const earlyBreaches: Breach[] = early.map(({ asset, state: a }) => ({
    severity: 'violation',
    message: `${asset} was traded in on ${a.tradeIn!.tradedInOn}, before ${tradeInEligibilityRule.apply({ installedOn: a.installed!.installedOn }, p)}; its ${formatUsd(a.tradeIn!.value)} may not pay this request's share`,
    sourceEventIds: [a.installed!.eventId, a.tradeIn!.eventId],
  }));

  const form486DueOn = state.commitment
    ? form486DeadlineRule.apply(
        { serviceStartDate: draft.serviceStartDate, committedOn: state.commitment.committedOn },
        p,
      )
    : null;
  const form486: Breach[] = [];
  if (form486DueOn && state.form486 && state.form486.filedOn > form486DueOn) {
    form486.push({
      severity: 'warning',
      message: `Form 486 filed on ${state.form486.filedOn}, after it was due on ${form486DueOn}; support before filing may be reduced`,
      sourceEventIds: [state.commitment!.eventId, state.form486.eventId],
    });
  } else if (form486DueOn && !state.form486) {
    form486.push({
      severity: 'info',
      message: `Form 486 is due by ${form486DueOn}`,
      sourceEventIds: [draft.eventId, state.commitment!.eventId],
    });
  }
  const delivery = serviceDeliveryDeadlineRule.apply(
    {
      fundingYear: draft.fundingYear,
      category: draft.category,
      recurring: draft.recurring,
      draftEventId: draft.eventId,
      extensions: state.serviceDeliveryExtensions,
      serviceEndDate: draft.serviceEndDate,
      deliveries: state.deliveries,
    },
    p,
  );
  const deadlineEventIds = [draft.eventId, ...state.serviceDeliveryExtensions.slice(-1).map((e) => e.eventId)];
  const recordsRetainedUntil = recordsRetentionRule.apply(
    { fundingYear: draft.fundingYear, serviceDeliveryDeadline: delivery.deadline },
    p,
  );
  const retention: Breach = {
    severity: 'info',
    message: `Keep procurement and service records until ${recordsRetainedUntil}: ${p.recordsRetentionYears} years after the later of the FY${draft.fundingYear} last day ${fundingYearLastDay(draft.fundingYear)} and the service delivery deadline ${delivery.deadline} (${delivery.recurring ? 'recurring' : 'non-recurring'} services, ${delivery.recurringBasis})`,
    sourceEventIds: deadlineEventIds,
  };

  const lastDayOfService = draft.serviceEndDate ?? delivery.deadline;
  const invoice = state.commitment
    ? invoiceDeadlineRule.apply(
        {
          lastDayOfService,
          lastDayOfServiceEventIds: deadlineEventIds,
          invoices: state.invoiceSubmissions,
          payments: state.invoices,
          extensionRequests: state.invoiceExtensionRequests,
          ...(state.form486Notification ? { notification: state.form486Notification } : {}),
        },
        p,
      )
    : { dueOn: null, breaches: [] };
  const cipa = state.form486
    ? cipaCertificationRule.apply({ category: draft.category, form486: state.form486 }, p)
    : [];
  const posted = ctx.procurement?.posted;
  const form470 = posted ? { certifyDate: posted.certifyDate, eventId: posted.eventId } : undefined;
  const windowBreaches = form471WindowRule.apply(
    {
      fundingYear: draft.fundingYear,
      draftEventId: draft.eventId,
      ...(state.submission ? { submission: state.submission } : {}),
      ...(form470 ? { form470 } : {}),
    },
    p,
  );
  const earlySubmission =
    posted && state.submission
      ? twentyEightDayWaitRule.apply(
          {
            certifyDate: posted.certifyDate,
            form470EventId: posted.eventId,
            acts: [
              {
                act: `Form 471 ${state.submission.form471Number} submitted`,
                on: state.submission.submittedOn,
                eventId: state.submission.eventId,
              },
            ],
          },
          p,
        )
      : [];

  const findings = [
    ...donationBreaches.map(finding(providerDonationRule)),
    ...grantBreaches.map(finding(grantIndependenceRule)),
    ...freeItems.map(finding(freeItemDeductionRule)),
    ...identification.map(finding(ineligibleIdentificationRule)),
    ...inflated.map(finding(inflatedEligibleCostRule)),
    ...earlyBreaches.map(finding(tradeInEligibilityRule)),
    ...form486.map(finding(form486DeadlineRule)),
    ...earlySubmission.map(finding(twentyEightDayWaitRule)),
    ...windowBreaches.map(finding(form471WindowRule)),
    ...cipa.map(finding(cipaCertificationRule)),
    ...delivery.breaches.map(finding(serviceDeliveryDeadlineRule)),
    ...invoice.breaches.map(finding(invoiceDeadlineRule)),
    finding(recordsRetentionRule)(retention),
  ];

  const outcomeFindings = (figures: FrnFigures): Finding[] => {
    const t = figures.thirtyPercent;
    const share = pct(t.ineligibleShareBasisPoints);
    const costEvents = [draft.eventId, ...offers.map((o) => o.eventId)];
    switch (t.deniedFor) {
      case 'serious-violation':
        return [
          finding(thirtyPercentRule)({
            severity: 'serious',
            message:
              'Serious violation of program rules: the request is denied outright and the 30% rule does not apply',
            sourceEventIds: seriousBreaches.flatMap((b) => b.sourceEventIds),
          }),
        ];
      case 'unseparated-bundle':
        return [
          finding(eligibleCostRule)({
            severity: 'violation',
            message: `A single price covers eligible and ineligible components (${figures.eligibleCost.unseparatedLineIds.join(', ')}) that are not ancillary; the request cannot be approved`,
            sourceEventIds: [draft.eventId],
          }),
        ];
      case 'ineligible-share':
        return [
          finding(thirtyPercentRule)({
            severity: 'violation',
            message: `Ineligible share ${share} is 30% or more of ${formatUsd(figures.eligibleCost.total)}: the request is denied`,
            sourceEventIds: costEvents,
          }),
        ];
      case undefined:
        return t.outcome === 'reduce-by-ineligible-share'
          ? [
              finding(thirtyPercentRule)({
                severity: 'warning',
                message: `Ineligible share ${share} (${formatUsd(figures.eligibleCost.ineligible)}) is under 30%: the request is reduced by it`,
                sourceEventIds: costEvents,
              }),
            ]
          : [];
      default:
        return assertNever(t.deniedFor);
    }
  };

  return {
    seriousBreaches,
    findings,
    earlyTradeInEventIds: early.map((e) => e.state.tradeIn!.eventId),
    dates: {
      form486DueOn,
      form486FiledOn: state.form486?.filedOn ?? null,
      serviceDeliveryDeadline: delivery.deadline,
      invoiceDueOn: invoice.dueOn,
      recordsRetainedUntil,
    },
    outcomeFindings,
  };
}
