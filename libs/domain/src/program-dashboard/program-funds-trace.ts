import { formatUsd } from '../shared/money';
import { type TraceStep } from '../shared/rule';
import { earnedShareRule } from '../rules/state-programs/earned-share-rule';
import { programFundsRule } from '../rules/state-programs/program-funds-rule';
import { type AssessedOrder, type ProgramAssessment } from './program-assessment';
import { shareSourceIds } from './share-trace';

/**
 * How a program's committed and remaining totals were reached: its funds, its terms versions, each order's earned
 * share.
 */
export function programFundsTrace(a: ProgramAssessment, committing: readonly AssessedOrder[]): TraceStep[] {
  const ruleSet = a.ruleSet.id;
  const committed = committing.reduce((s, o) => s + o.share.earned, 0);
  const funds = programFundsRule.apply(
    { totalFunds: a.program.totalFunds, allocated: a.program.allocations.reduce((s, x) => s + x.amount, 0), committed },
    null,
  );
  return [
    {
      step: 'Program funds',
      ruleSet,
      values: { totalFunds: a.program.totalFunds },
      sourceEventIds: [a.program.establishedEventId],
      explanation: `${a.program.name} was established with ${formatUsd(a.program.totalFunds)}`,
    },
    ...a.program.termsVersions.map((v) => ({
      step: `Terms version ${v.version}`,
      ruleSet,
      values: { effectiveFrom: v.effectiveFrom, kind: v.terms.share.kind, unconfirmed: v.terms.unconfirmed ?? null },
      sourceEventIds: [v.eventId],
      explanation: `Governs orders placed from ${v.effectiveFrom}${v.terms.unconfirmed ? ` (unconfirmed: ${v.terms.unconfirmed})` : ''}`,
    })),
    ...committing.map((o) => ({
      step: `Order ${o.stream}`,
      ruleId: earnedShareRule.id,
      ruleSet,
      citation: earnedShareRule.citation,
      values: {
        stateShare: o.order.stateShare,
        earnedStateShare: o.share.earned,
        reason: o.share.reason,
        termsVersion: o.share.terms?.version ?? null,
      },
      sourceEventIds: shareSourceIds(o),
      explanation: `Earned ${formatUsd(o.share.earned)} of ${formatUsd(o.order.stateShare)} (${o.share.reason})`,
    })),
    {
      step: 'Committed and remaining',
      ruleId: programFundsRule.id,
      ruleSet,
      citation: programFundsRule.citation,
      values: { committed, remaining: funds.remaining, overCommitted: funds.commitmentExcess },
      sourceEventIds: [a.program.establishedEventId],
      explanation: `Committed ${formatUsd(committed)}: only earned state shares of counted, live orders; remaining ${formatUsd(funds.remaining)}${funds.overCommitted ? `, over-committed by ${formatUsd(funds.commitmentExcess)}` : ''}`,
    },
  ];
}
