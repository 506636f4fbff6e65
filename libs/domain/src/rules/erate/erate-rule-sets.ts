import { type EventMetadata } from '../../shared/envelope';
import { DomainError } from '../../shared/errors';
import { type RuleSet, ruleSetInForce } from '../../shared/rule';
import { type DiscountBand, type ErateParams } from './erate-params';

/**
 * The discount matrix of 47 CFR § 54.505(c) as amended by the E-Rate Modernization Order (FCC 14-99,
 * ¶ 121): from FY2015 the top Category 2 discount is 85% and the 1–19% band keeps 40/50.
 */
const discountMatrix: DiscountBand[] = [
  { fromBasisPoints: 0, label: '<1%', category1: { urban: 20, rural: 25 }, category2: { urban: 20, rural: 25 } },
  { fromBasisPoints: 100, label: '1–19%', category1: { urban: 40, rural: 50 }, category2: { urban: 40, rural: 50 } },
  { fromBasisPoints: 2_000, label: '20–34%', category1: { urban: 50, rural: 60 }, category2: { urban: 50, rural: 60 } },
  { fromBasisPoints: 3_500, label: '35–49%', category1: { urban: 60, rural: 70 }, category2: { urban: 60, rural: 70 } },
  { fromBasisPoints: 5_000, label: '50–74%', category1: { urban: 80, rural: 80 }, category2: { urban: 80, rural: 80 } },
  { fromBasisPoints: 7_500, label: '75–100%', category1: { urban: 90, rural: 90 }, category2: { urban: 85, rural: 85 } },
];

const common = {
  // 002_dd3fdf2b23e0977f.txt, "Basic Principles": the 30% rule and the five-year trade-in bar.
  thirtyPercentThresholdBasisPoints: 3_000,
  tradeInMinimumYears: 5,
  discountMatrix,
  // FCC 14-99 ¶ 207 (CEP multiplier 1.6), 47 CFR § 54.505(b)(4).
  cepMultiplierBasisPoints: 16_000,
  // FCC 14-189 ¶ 62: up to ten extra points matching state funding one for one, never past 100%.
  stateMatch: { maxExtraPoints: 10, maxDiscountPercent: 100 },
  // 47 CFR § 54.503(c)(4): Form 470 posted at least 28 days before the contract is signed.
  allowableContractDays: 28,
  // 47 CFR § 54.507(d) via USAC Form 486 deadline: 120 days after the later of service start and FCDL.
  form486DueDays: 120,
  // 47 CFR § 54.516(a): records kept ten years after the last day of service.
  recordsRetentionYears: 10,
} as const;

/** Free Services Advisory (Sept. 2015) with the FY2015–2020 Category 2 budgets of FCC 14-99 (¶ 112). */
export const erateFsa2015: RuleSet<ErateParams> = {
  id: 'erate-fsa-2015',
  effectiveFrom: '2015-07-01',
  effectiveTo: '2021-07-01',
  description: 'E-Rate FY2015–FY2020: Free Services Advisory (Sept. 2015), FCC 14-99 discount matrix and Category 2 budgets ($150/student, $9,200 floor, libraries $2.30/sq ft)',
  params: {
    ...common,
    discountMatrix: [...common.discountMatrix],
    categoryTwoBudget: { cycleStartFundingYear: 2015, cycleYears: 5, perStudent: 15_000, perLibrarySquareFoot: 230, floor: 920_000 },
  },
};

/** FY2021–2025 budget cycle (FCC 19-117, 47 CFR § 54.502(b)(3)): $167/student, $25,000 floor, libraries $4.50/sq ft. */
export const erate2025: RuleSet<ErateParams> = {
  id: 'erate-2025',
  effectiveFrom: '2021-07-01',
  description: 'E-Rate FY2021–FY2025: Free Services Advisory, FCC 14-99 discount matrix, five-year Category 2 budgets ($167/student, $25,000 floor, libraries $4.50/sq ft)',
  params: {
    ...common,
    discountMatrix: [...common.discountMatrix],
    categoryTwoBudget: { cycleStartFundingYear: 2021, cycleYears: 5, perStudent: 16_700, perLibrarySquareFoot: 450, floor: 2_500_000 },
  },
};

export const erateRuleSets: readonly RuleSet<ErateParams>[] = [erateFsa2015, erate2025];

export const isErateRuleSetId = (id: unknown): boolean => erateRuleSets.some((r) => r.id === id);

/**
 * The rule set that governs a fact: the one its metadata names, else the one in force on the day it
 * took effect. A fact dated before the first E-Rate rule set is judged by the earliest one, since the
 * ledger holds no older figures.
 */
export function erateRuleSetFor(metadata: EventMetadata, recordedAt: string): RuleSet<ErateParams> {
  const named = erateRuleSets.find((r) => r.id === metadata.ruleSet);
  if (named) return named;
  const day = (typeof metadata.occurredAt === 'string' ? metadata.occurredAt : recordedAt).slice(0, 10);
  const earliest = erateRuleSets[0]!;
  return day < earliest.effectiveFrom ? earliest : ruleSetInForce(erateRuleSets, day);
}

/** A rule set by id, as recorded on a stream's state when the stream began. */
export function erateRuleSetById(id: string): RuleSet<ErateParams> {
  const found = erateRuleSets.find((r) => r.id === id);
  if (!found) throw new RangeError(`Unknown E-Rate rule set ${id}`);
  return found;
}

/** Deciders refuse a fact whose metadata names a rule set that is not an E-Rate rule set. */
export function assertKnownErateRuleSet(metadata: EventMetadata): void {
  if (metadata.ruleSet !== undefined && !isErateRuleSetId(metadata.ruleSet)) {
    throw new DomainError('unknown-rule-set', `Rule set ${String(metadata.ruleSet)} is not an E-Rate rule set (${erateRuleSets.map((r) => r.id).join(', ')})`);
  }
}
