import { type ApplicantState } from '../applicant/state';
import { type FactsLookup } from '../shared/facts';
import { type Finding } from '../shared/finding';
import { formatUsd, sum } from '../shared/money';
import { CITATIONS } from '../rules/state-programs/citations';
import { earnedShareRule } from '../rules/state-programs/earned-share-rule';
import { quoteComparisonRule } from '../rules/state-programs/quote-comparison-rule';
import {
  agreementDeadlineRule,
  agreementsForProgram,
  orderCountsRule,
} from '../rules/state-programs/interlocal-agreement-rule';
import { claimRule } from '../rules/state-programs/claim-rule';
import { leaAllocationRule } from '../rules/state-programs/lea-allocation-rule';
import { orderPriceRule } from '../rules/state-programs/order-price-rule';
import { participatingAddendumRule } from '../rules/state-programs/participating-addendum-rule';
import { programFundsRule } from '../rules/state-programs/program-funds-rule';
import { coverageRule, slaRemedyRule } from '../rules/state-programs/sla-remedy-rule';
import {
  assessProgram,
  committedBy,
  committingOrders,
  type AssessedOrder,
  type ProgramAssessment,
} from './program-assessment';
import { shareSourceIds } from './share-trace';

/** Earned state shares beyond the program's total funds (the same rule as over-allocation, its other half). */
export const PROGRAM_OVER_COMMITTED = 'state.funds.over-committed';

/** Terms a program recorded as unconfirmed ("Figures need sources": the gap is a finding). */
export const TERMS_UNCONFIRMED = 'state.terms.unconfirmed';

/** A finding with the applicant it concerns, so an applicant's view can pick its own. */
interface ApplicantFinding {
  applicant: string | null;
  finding: Finding;
}

function orderFindings(a: ProgramAssessment, o: AssessedOrder): Finding[] {
  const { order, stream } = o;
  const stateRule = { ruleSet: a.ruleSet.id, subject: stream };
  const out: Finding[] = [];
  if (!o.counts.counts) {
    const approved = o.counts.agreement
      ? `its agreement was approved on ${o.counts.agreement.approvedOn}`
      : 'no interlocal agreement with the program ESC has been approved';
    out.push({
      ...stateRule,
      ruleId: orderCountsRule.id,
      citation: orderCountsRule.citation,
      severity: 'warning',
      message: `Order placed on ${order.placedOn} does not count toward ${a.program.name}: ${approved}`,
      sourceEventIds: [order.placedEventId, ...(o.counts.agreement ? [o.counts.agreement.eventId] : [])],
    });
  }
  if (order.cancelled) return out;
  out.push(...shareFindings(a, o));
  const claims = claimRule.apply({ earned: o.share.earned, claims: order.claims }, null);
  if (claims.excess > 0) {
    out.push({
      ...stateRule,
      ruleId: claimRule.id,
      citation: claimRule.citation,
      severity: 'violation',
      message: `Claims of ${formatUsd(claims.claimed)} exceed the state share earned of ${formatUsd(o.share.earned)} (recorded ${formatUsd(order.stateShare)}) by ${formatUsd(claims.excess)}`,
      sourceEventIds: [...shareSourceIds(o), ...order.claims.map((c) => c.eventId)],
    });
  }
  const contract = o.contract;
  if (!contract) return out;
  const coopRule = { ruleSet: contract.ruleSet, subject: stream };
  if (
    !participatingAddendumRule.apply({ usState: a.program.usState, placedOn: order.placedOn, contract }, null)
      .participating
  ) {
    out.push({
      ...coopRule,
      ruleId: participatingAddendumRule.id,
      citation: participatingAddendumRule.citation,
      severity: 'violation',
      message: `${a.program.usState} had not signed a participating addendum to ${contract.name} (lead state ${contract.leadState}) when the order was placed on ${order.placedOn}`,
      sourceEventIds: [
        contract.awardedEventId,
        ...contract.addenda.filter((x) => x.usState === a.program.usState).map((x) => x.eventId),
        order.placedEventId,
      ],
    });
  }
  for (const p of o.prices.filter((x) => x.overcharge > 0)) {
    out.push({
      ...coopRule,
      ruleId: orderPriceRule.id,
      citation: orderPriceRule.citation,
      severity: 'violation',
      message: `${p.itemId} at ${formatUsd(p.unitPrice)} a unit is above the cohort's tier price ${formatUsd(p.tierUnitPrice)}: ${formatUsd(p.overcharge)} overcharged`,
      sourceEventIds: [contract.awardedEventId, order.placedEventId],
    });
  }
  for (const q of o.quotes.filter((x) => x.aboveQuote > 0)) {
    out.push({
      ...coopRule,
      ruleId: quoteComparisonRule.id,
      citation: quoteComparisonRule.citation,
      severity: 'violation',
      message: `${q.itemId} ordered at ${formatUsd(q.orderedUnitPrice)} a unit, above its quote of ${formatUsd(q.quotedUnitPrice ?? 0)}: ${formatUsd(q.aboveQuote)} over the quote`,
      sourceEventIds: [...order.quotes.slice(-1).map((x) => x.eventId), order.placedEventId],
    });
  }
  for (const breach of order.breaches) {
    if (contract.sla) {
      const sla = slaRemedyRule.apply({ breach, asOf: a.asOf }, contract.sla);
      if (sla.status === 'overdue' || sla.remediedLate) {
        out.push({
          ...coopRule,
          ruleId: slaRemedyRule.id,
          citation: slaRemedyRule.citation,
          severity: sla.status === 'overdue' ? 'violation' : 'warning',
          message:
            sla.status === 'overdue'
              ? `SLA breach ${breach.breachId} reported ${breach.reportedOn} is still open past its remedy deadline ${sla.dueOn}`
              : `SLA breach ${breach.breachId} was remedied on ${breach.remedy?.appliedOn ?? ''}, after its deadline ${sla.dueOn}`,
          sourceEventIds: [contract.awardedEventId, breach.eventId, ...(breach.remedy ? [breach.remedy.eventId] : [])],
        });
      }
      if (!coverageRule.apply(breach, contract.sla).covered) {
        out.push({
          ...coopRule,
          ruleId: coverageRule.id,
          citation: coverageRule.citation,
          severity: 'warning',
          message: `SLA breach ${breach.breachId} reported ${breach.reportedOn}, after repair/replacement coverage ended ${contract.sla.repairReplacementCoverageEndsOn}`,
          sourceEventIds: [contract.awardedEventId, ...contract.extensionEventIds, breach.eventId],
        });
      }
    }
  }
  return out;
}

/** A district share below the minimum earns no state share; an order with no terms in force earns none either. */
function shareFindings(a: ProgramAssessment, o: AssessedOrder): Finding[] {
  const { order, share } = o;
  const terms = share.terms;
  if (!terms) {
    return [
      {
        ruleId: earnedShareRule.id,
        ruleSet: a.ruleSet.id,
        citation: earnedShareRule.citation,
        severity: 'warning',
        message: `Order placed on ${order.placedOn}, before any terms of ${a.program.name} were in force: no state share is earned`,
        sourceEventIds: [a.program.establishedEventId, order.placedEventId],
        subject: o.stream,
      },
    ];
  }
  if (!share.outcome || !share.limit || share.outcome.termsMet) return [];
  return [
    {
      ruleId: share.limit.ruleId,
      ruleSet: a.ruleSet.id,
      citation: share.limit.citation,
      severity: 'violation',
      message:
        `District share ${formatUsd(order.districtShare)} of ${formatUsd(order.total)} is below the minimum ${formatUsd(share.outcome.minDistrictShare)} ` +
        `(the state may pay at most ${formatUsd(share.outcome.maxStateShare)} under terms version ${terms.version}, effective ${terms.effectiveFrom}): ` +
        `the state share earned is $0.00 of ${formatUsd(order.stateShare)} until a correcting fact brings the district's share up`,
      sourceEventIds: shareSourceIds(o),
      subject: o.stream,
    },
  ];
}

/** Terms the program recorded as unconfirmed: the gap is shown, never hidden. */
function unconfirmedTermsFindings(a: ProgramAssessment): Finding[] {
  return a.program.termsVersions
    .filter((v) => v.terms.unconfirmed !== undefined)
    .map((v) => ({
      ruleId: TERMS_UNCONFIRMED,
      ruleSet: a.ruleSet.id,
      citation: CITATIONS.stateFunds,
      severity: 'info' as const,
      message: `Terms version ${v.version} of ${a.program.name} (effective ${v.effectiveFrom}) are unconfirmed: ${v.terms.unconfirmed ?? ''}`,
      sourceEventIds: [v.eventId],
      subject: a.programStream,
    }));
}

function participantFindings(a: ProgramAssessment, facts: FactsLookup): ApplicantFinding[] {
  const out: ApplicantFinding[] = [];
  for (const requirement of a.program.requirements) {
    for (const applicant of a.participants) {
      const state = facts.state<ApplicantState>(applicant);
      const agreements = agreementsForProgram(a.programStream, a.program, state?.interlocalAgreements ?? []);
      if (!agreementDeadlineRule.apply({ deadline: requirement.deadline, asOf: a.asOf, agreements }, null).overdue)
        continue;
      out.push({
        applicant,
        finding: {
          ruleId: agreementDeadlineRule.id,
          ruleSet: a.ruleSet.id,
          citation: agreementDeadlineRule.citation,
          severity: 'violation',
          message: `${state?.name || applicant} has no interlocal agreement with ${requirement.esc} approved by the ${requirement.deadline} deadline`,
          sourceEventIds: [requirement.eventId, ...agreements.map((x) => x.eventId)],
          subject: applicant,
        },
      });
    }
  }
  return out;
}

/**
 * Only programs that allocate funds per LEA hold LEAs to their allocation; a pure cost-share program allocates none.
 */
function leaAllocationFindings(a: ProgramAssessment): ApplicantFinding[] {
  if (a.program.allocations.length === 0) return [];
  const committing = committingOrders(a);
  return a.participants.flatMap((applicant) => {
    const allocations = a.program.allocations.filter((x) => x.applicant === applicant);
    const orders = committing.filter((o) => o.order.applicant === applicant);
    const allocated = sum(allocations.map((x) => x.amount));
    const committed = committedBy(orders);
    const { excess } = leaAllocationRule.apply({ allocated, committed }, null);
    if (excess === 0) return [];
    return [
      {
        applicant,
        finding: {
          ruleId: leaAllocationRule.id,
          ruleSet: a.ruleSet.id,
          citation: leaAllocationRule.citation,
          severity: 'violation',
          message: `Counted orders commit ${formatUsd(committed)} of program funds against an allocation of ${formatUsd(allocated)}: ${formatUsd(excess)} over`,
          sourceEventIds: [...allocations.map((x) => x.eventId), ...orders.map((o) => o.order.placedEventId)],
          subject: applicant,
        },
      },
    ];
  });
}

function fundsFindings(a: ProgramAssessment): Finding[] {
  const { program, programStream } = a;
  const allocated = sum(program.allocations.map((x) => x.amount));
  const committing = committingOrders(a);
  const committed = committedBy(committing);
  const outcome = programFundsRule.apply({ totalFunds: program.totalFunds, allocated, committed }, null);
  const base = {
    ruleSet: a.ruleSet.id,
    citation: programFundsRule.citation,
    severity: 'violation' as const,
    subject: programStream,
  };
  return [
    ...(outcome.overAllocated
      ? [
          {
            ...base,
            ruleId: programFundsRule.id,
            message: `Allocations of ${formatUsd(allocated)} exceed the program's total funds of ${formatUsd(program.totalFunds)} by ${formatUsd(outcome.allocationExcess)}`,
            sourceEventIds: [program.establishedEventId, ...program.allocations.map((x) => x.eventId)],
          },
        ]
      : []),
    ...(outcome.overCommitted
      ? [
          {
            ...base,
            ruleId: PROGRAM_OVER_COMMITTED,
            message: `Earned state shares of ${formatUsd(committed)} exceed the program's total funds of ${formatUsd(program.totalFunds)} by ${formatUsd(outcome.commitmentExcess)}`,
            sourceEventIds: [
              program.establishedEventId,
              ...committing.filter((o) => o.share.earned > 0).map((o) => o.order.placedEventId),
            ],
          },
        ]
      : []),
  ];
}

function assessedFindings(a: ProgramAssessment, facts: FactsLookup): ApplicantFinding[] {
  return [
    ...[...unconfirmedTermsFindings(a), ...fundsFindings(a)].map((finding) => ({ applicant: null, finding })),
    ...participantFindings(a, facts),
    ...leaAllocationFindings(a),
    ...a.orders.flatMap((o) => orderFindings(a, o).map((finding) => ({ applicant: o.order.applicant, finding }))),
  ];
}

/** Every state-program and cooperative-contract finding under one program. */
export function programFindings(programStream: string, facts: FactsLookup): Finding[] {
  const a = assessProgram(programStream, facts);
  return a ? assessedFindings(a, facts).map((x) => x.finding) : [];
}

/**
 * The findings about one applicant across every state program it joined, agreed to, was allocated funds by or ordered
 * under.
 */
export function stateProgramFindingsForApplicant(applicantStream: string, facts: FactsLookup): Finding[] {
  const applicant = facts.state<ApplicantState>(applicantStream);
  const programs = new Set([
    ...(applicant?.programsJoined.map((p) => p.program) ?? []),
    ...(applicant?.interlocalAgreements.map((p) => p.program) ?? []),
    ...facts.linkedFrom(applicantStream, 'program'),
    ...facts.linkedFrom(applicantStream, 'order').map((o) => facts.state<{ program: string }>(o)?.program ?? ''),
  ]);
  return [...programs]
    .filter((p) => p !== '')
    .flatMap((p) => {
      const a = assessProgram(p, facts);
      return a
        ? assessedFindings(a, facts)
            .filter((x) => x.applicant === applicantStream)
            .map((x) => x.finding)
        : [];
    });
}
