import { type TraceStep } from '../shared/rule';
import { categoryTwoBudgetRule } from '../rules/erate/category-two-budget-rule';
import { discountRateRule } from '../rules/erate/discount-rate-rule';
import { stateMatchRule } from '../rules/erate/state-match-rule';
import { eligibleCostRule } from '../rules/erate/eligible-cost-rule';
import { preDiscountCostRule } from '../rules/erate/pre-discount-cost-rule';
import { thirtyPercentRule } from '../rules/erate/thirty-percent-rule';
import { tradeInEligibilityRule } from '../rules/erate/program-dates-rules';
import { type FrnContext } from './frn-context';
import { type FrnFigures } from './frn-figures';
import {
  type CategoryTwoBudgetDraw,
  type FundingRequestView,
  type JudgedFundingRequestView,
} from './funding-request-view';

type By = (rule: { id: string; citation: string }) => Pick<TraceStep, 'ruleId' | 'ruleSet' | 'citation'>;

/** Every input and step of the discount: each school's counts, the sums and rounding, the locale majority, the band. */
function discountSteps(view: FundingRequestView, ctx: FrnContext, by: By): TraceStep[] {
  const profile = (s: string) => ctx.directory.get(s)?.profileEventIds ?? [];
  return (view.discount?.entities ?? []).flatMap((e): TraceStep[] => [
    ...e.schools.map((s): TraceStep => ({
      step: `discount-count:${s.applicant}`,
      ...by(discountRateRule),
      values: {
        for: e.applicant,
        students: s.students,
        nslpEligibleStudents: s.nslpEligibleStudents,
        cep: s.cep,
        directlyCertifiedStudents: s.directlyCertifiedStudents,
        countedNslp: s.countedNslp,
        cepCapped: s.cepCapped,
        locale: s.locale,
      },
      sourceEventIds: profile(s.applicant),
      explanation: s.cep
        ? 'CEP school: directly certified students × the CEP multiplier, capped at its students'
        : 'NSLP-eligible students as recorded',
    })),
    {
      step: `discount-share:${e.applicant}`,
      ...by(discountRateRule),
      values: {
        basis: e.basis,
        district: e.district,
        totalStudents: e.totalStudents,
        totalNslp: e.totalNslp,
        nslpPercentUnrounded: e.nslpPercentUnrounded,
        nslpPercent: e.nslpPercent,
        rounding: e.rounding,
      },
      sourceEventIds: e.sourceEventIds,
      explanation: e.district
        ? `Total NSLP ÷ total students over the schools of ${e.district}, rounded to a whole percent`
        : 'The applicant’s own NSLP ÷ students, rounded to a whole percent',
    },
    {
      step: `discount-locale:${e.applicant}`,
      ...by(discountRateRule),
      values: { locale: e.locale, by: e.localeBasis.by, rural: e.localeBasis.rural, of: e.localeBasis.of },
      sourceEventIds: e.sourceEventIds,
      explanation:
        e.localeBasis.by === 'own'
          ? 'The applicant’s own locale'
          : `Rural when more than half of the ${e.localeBasis.by} are rural: ${e.localeBasis.rural} of ${e.localeBasis.of}`,
    },
    {
      step: `discount-band:${e.applicant}`,
      ...by(discountRateRule),
      values: {
        nslpPercent: e.nslpPercent,
        band: e.band,
        locale: e.locale,
        category: view.category,
        ratePercent: e.ratePercent,
      },
      sourceEventIds: e.sourceEventIds,
      explanation: `Discount matrix, Category ${view.category}, ${e.locale}`,
    },
  ]);
}

/**
 * One budget the request draws on: the option taken, each school or outlet, the counts and their validations, the other
 * requests.
 */
function budgetStep(draw: CategoryTwoBudgetDraw, ctx: FrnContext, by: By): TraceStep {
  const b = draw.budget;
  return {
    step: `category-two-budget:${draw.holder}`,
    ...by(categoryTwoBudgetRule),
    values: {
      holder: draw.holder,
      scope: b.scope,
      option: b.option,
      budget: b.budget,
      perUnitOption: b.options.perUnit,
      floorOption: b.options.floor,
      hybridOption: b.options.hybrid,
      unit: b.unit,
      totalCount: b.totalCount.count,
      countSource: b.totalCount.source,
      baselineCount: b.totalCount.baseline?.count ?? null,
      baselineFundingYear: b.totalCount.baseline?.fundingYear ?? null,
      raisedInFundingYear: b.totalCount.raisedIn?.fundingYear ?? null,
      entities: b.entities
        .map(
          (e) =>
            `${e.applicant}: ${e.count.count} ${e.unit} (${e.count.source}) × ${e.perUnit} = ${e.amount}, floor ${e.floor}${e.tribal ? ' (Tribal)' : ''} → ${e.greater}`,
        )
        .join('; '),
      notChildEntities: b.notChildEntities
        .map((e) => `${e.applicant}: ${e.count.count} ${e.unit} (${e.count.source})`)
        .join('; '),
      basis: b.basis,
      thisRequest: draw.thisRequest,
      usedByOtherRequests: draw.usedByOtherRequests,
      otherRequests: draw.otherRequests.map((o) => `${o.frn} ${o.amount}`).join('; '),
      remainingAfterThisRequest: draw.remainingAfterThisRequest,
    },
    sourceEventIds: [...new Set([ctx.state.draft.eventId, ...b.sourceEventIds])],
    explanation:
      'Five-year pre-discount budget: the greatest of per unit × all units, the floor × schools or outlets, and (at most the hybrid limit of them) the hybrid sum',
  };
}

/** The decision trace behind a funding-request view, step by step, each with its rule, rule set and events. */
export function fundingRequestTrace(view: JudgedFundingRequestView, ctx: FrnContext, figures: FrnFigures): TraceStep[] {
  const ruleSet = figures.ruleSet.id;
  const by = (rule: { id: string; citation: string }) => ({ ruleId: rule.id, ruleSet, citation: rule.citation });
  const lineEvents = [...new Set(ctx.state.lines.flatMap((l) => l.sourceEventIds))];
  const offers = ctx.state.offers.filter((o) => o.withdrawnBy === undefined);
  const d = view.discount;
  const steps: TraceStep[] = [
    {
      step: 'usual-cost',
      ...by(preDiscountCostRule),
      values: { usualCost: view.usualCost, singleBundlePrice: ctx.state.draft.singleBundlePrice ?? null },
      sourceEventIds: lineEvents,
      explanation:
        ctx.state.draft.singleBundlePrice === undefined
          ? 'Sum of quantity × usual unit price over all lines'
          : 'Single bundle price, weighted across lines by their usual prices',
    },
    ...figures.preDiscount.deductions.map((x): TraceStep => ({
      step: `deduction:${x.kind}`,
      ...by(preDiscountCostRule),
      values: { amount: x.amount, basis: x.basis },
      sourceEventIds: [x.sourceEventId],
      explanation: `${x.description}: ${x.amount} cents off, allocated across lines in proportion to what each still costs`,
    })),
    {
      step: 'eligible-cost',
      ...by(eligibleCostRule),
      values: {
        preDiscountCost: view.preDiscountCost,
        eligible: view.eligiblePreDiscountCost,
        ineligible: view.ineligibleCost,
        ancillaryException: figures.eligibleCost.ancillaryException,
        unseparatedBundle: figures.eligibleCost.unseparatedBundle,
      },
      sourceEventIds: [
        ...lineEvents,
        ...offers.filter((o) => o.type === 'CostAllocationDeclared').map((o) => o.eventId),
      ],
      explanation: 'Ineligible lines allocated out; mixed lines keep their declared eligible share',
    },
    {
      step: '30-percent-rule',
      ...by(thirtyPercentRule),
      values: {
        ineligibleShareBasisPoints: view.ineligibleShareBasisPoints,
        thresholdBasisPoints: figures.ruleSet.params.thirtyPercentThresholdBasisPoints,
        outcome: view.thirtyPercentRule.outcome,
        deniedFor: view.thirtyPercentRule.deniedFor,
      },
      sourceEventIds: [
        ctx.state.draft.eventId,
        ...offers.map((o) => o.eventId),
        ...ctx.donations.map((x) => x.eventId),
      ],
      explanation: 'Under 30% ineligible: reduce and go on; 30% or more: deny; serious violations deny outright',
    },
    ...discountSteps(view, ctx, by),
    {
      step: 'discount-rate',
      ...by(discountRateRule),
      values: d
        ? {
            ratePercent: d.ratePercent,
            consortiumAveraged: d.consortiumAveraged,
            entities: d.entities
              .map(
                (e) =>
                  `${e.applicant}: NSLP ${e.nslpPercent}% (${e.basis}${e.district ? ` of ${e.district}` : ''}), ${e.locale}, band ${e.band} → ${e.ratePercent}%`,
              )
              .join('; '),
          }
        : { ratePercent: 0 },
      sourceEventIds: [
        ...new Set([
          ...(ctx.applicant?.profileEventIds ?? []),
          ...(d?.entities.flatMap((e) => e.sourceEventIds) ?? []),
        ]),
      ],
      explanation: d
        ? d.consortiumAveraged
          ? 'Consortium: simple average of its members’ discounts, rounded half up'
          : 'The discount matrix read at the rounded NSLP percentage and the locale'
        : 'Applicant not registered: no discount',
    },
    ...(view.stateMatch.status === 'none'
      ? []
      : [
          {
            step: 'state-match',
            ...by(stateMatchRule),
            values: {
              status: view.stateMatch.status,
              statePercent: view.stateMatch.statePercent,
              statePercentCounted: view.stateMatch.statePercentCounted,
              extraPoints: view.stateMatch.extraPoints,
              specialConstructionCost: view.stateMatch.specialConstructionCost,
              stateFunding: view.shares.stateFunding,
            },
            sourceEventIds: [...lineEvents, ...view.stateMatch.sourceEventIds],
            explanation:
              'Category 1 special construction only: one extra point per point of state funding, at most the cap, discount + state + match within the total cap; the state’s funding comes off the applicant’s share',
          } satisfies TraceStep,
        ]),
    {
      step: 'commitment',
      ...by(discountRateRule),
      values: {
        eligible: view.eligiblePreDiscountCost,
        ratePercent: d?.ratePercent ?? 0,
        extraPoints: view.stateMatch.extraPoints,
        requestedCommitment: view.requestedCommitment,
        fundableCommitment: view.fundableCommitment,
        erateShare: view.shares.erate,
        stateFunding: view.shares.stateFunding,
        applicantShare: view.shares.applicant,
      },
      sourceEventIds: [ctx.state.draft.eventId],
      explanation:
        'E-Rate share = eligible cost × discount + special construction × match points, rounded once half-up to the cent; state funding and the applicant share make up the rest of the eligible cost; nothing is fundable when the request is denied',
    },
    {
      step: 'non-discount-share',
      ...by(tradeInEligibilityRule),
      values: {
        nonDiscountShare: view.nonDiscountShare.amount,
        stateFunding: view.nonDiscountShare.stateFunding,
        applicantShare: view.nonDiscountShare.applicantShare,
        tradeIns: view.nonDiscountShare.tradeIns.filter((t) => t.counted).reduce((a, t) => a + t.value, 0),
        grants: view.nonDiscountShare.grants,
        applicantPays: view.nonDiscountShare.applicantPays,
      },
      sourceEventIds: [
        ...view.nonDiscountShare.tradeIns.map((t) => t.sourceEventId),
        ...offers.filter((o) => o.type === 'GrantReceived').map((o) => o.eventId),
      ],
      explanation:
        'After the state’s funding the applicant pays the rest itself; trade-ins of equipment at least five years old and independent grants may pay it',
    },
  ];
  for (const draw of view.categoryTwoBudget?.draws ?? []) steps.push(budgetStep(draw, ctx, by));
  return steps;
}
