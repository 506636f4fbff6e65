import { type CalendarDate } from '../shared/dates';
import { type RuleSet } from '../shared/rule';
import { ERATE_SOURCES, cfr } from './erate-sources';
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
  {
    fromBasisPoints: 7_500,
    label: '75–100%',
    category1: { urban: 90, rural: 90 },
    category2: { urban: 85, rural: 85 },
  },
];

const common = {
  // Free Services Advisory, "Basic Principles": the 30% rule and the five-year trade-in bar.
  thirtyPercentThresholdBasisPoints: 3_000,
  tradeInMinimumYears: 5,
  discountMatrix,
  // FCC 14-99 ¶ 207 and USAC "Calculating Discount Rates": CEP students × directly certified share × 1.6.
  cepMultiplierBasisPoints: 16_000,
  // USAC "Calculating Discount Rates": the NSLP percentage is rounded to a whole percent before the lookup.
  nslpRounding: 'whole-percent-half-up',
  // FCC 14-189 ¶ 62 and USAC's special-construction state match page: up to ten extra points matching
  // state funding one for one, Category 1 special construction only, discount + state + match ≤ 100%.
  stateMatch: { maxExtraPoints: 10, maxTotalPercent: 100, appliesTo: 'category-1-special-construction' },
  // 47 CFR § 54.503(c)(4): the Form 470 is posted at least 28 days before vendor selection, contract and Form 471.
  allowableContractDays: 28,
  // 47 CFR § 54.507(d) and USAC's Form 486 deadline: 120 days after the later of service start and FCDL.
  form486DueDays: 120,
  // 47 CFR § 54.514(a) and USAC "Invoice Deadline Extensions": 120 days after the later of the last date
  // of service and the Form 486 notification date; one 120-day extension on request.
  invoiceDueDays: 120,
  invoiceExtensionDays: 120,
  invoiceExtensionsAllowed: 1,
  // 47 CFR § 54.507(d): recurring services end with the funding year (June 30); non-recurring services
  // are delivered by September 30 after it.
  serviceDelivery: { recurringLastDay: '06-30', nonRecurringLastDay: '09-30' },
  // 47 CFR § 54.516(a) and USAC "Document Retention": ten years after the later of the funding year's
  // last day and the service delivery deadline.
  recordsRetentionYears: 10,
  // 47 CFR § 54.503(d) and USAC "Gift Rules": $20 an item, $50 from one source in a funding year.
  gifts: { perItemMax: 2_000, perSourcePerFundingYearMax: 5_000 },
} as const;

/** An E-Rate rule set: the funding years it governs and the public sources of its figures. */
export interface ErateRuleSet extends RuleSet<ErateParams> {
  /** Funding years it governs, inclusive; `last` absent while no later set is known. */
  fundingYears: { first: number; last?: number };
  /** Public sources, by name, of every figure in `params`. */
  sources: string[];
  /** Figures recorded without a public source confirmed from here, each said in words. */
  unconfirmed: string[];
}

/**
 * Free Services Advisory (Sept. 2015) and FCC 14-99; Category 2 budgets of FY2015–2020 are not computed (see `reason`).
 */
export const erateFsa2015: ErateRuleSet = {
  id: 'erate-fsa-2015',
  effectiveFrom: '2015-07-01',
  effectiveTo: '2021-07-01',
  fundingYears: { first: 2015, last: 2020 },
  description:
    'E-Rate FY2015–FY2020: Free Services Advisory (Sept. 2015), FCC 14-99 discount matrix; per-school Category 2 budgets not computed',
  sources: [
    ERATE_SOURCES.freeServicesAdvisory,
    ERATE_SOURCES.modernizationOrder,
    ERATE_SOURCES.secondModernizationOrder,
    ERATE_SOURCES.calculatingDiscountRates,
    cfr('54.505'),
  ],
  unconfirmed: [],
  params: {
    ...common,
    discountMatrix: [...common.discountMatrix],
    form471Windows: {},
    categoryTwoBudget: {
      basis: 'unsupported',
      cycleStartFundingYear: 2015,
      cycleYears: 6,
      reason:
        'FY2015–2020 Category 2 budgets were per school and library outlet, adjusted for inflation each funding year (FCC 14-99 ¶ 112; FY2020 prorated by the FCC 19-117 erratum); the ledger does not hold the yearly figures, so it computes no budget for these years',
    },
  },
};

/** The public sources every district-wide budget cycle's figures come from, besides the cycle's own notice or order. */
const districtWideCycleSources: readonly string[] = [
  ERATE_SOURCES.categoryTwoOrder,
  ERATE_SOURCES.categoryTwoBudgetPage,
  ERATE_SOURCES.freeServicesAdvisory,
  ERATE_SOURCES.modernizationOrder,
  ERATE_SOURCES.secondModernizationOrder,
  ERATE_SOURCES.calculatingDiscountRates,
  ERATE_SOURCES.stateMatchPage,
  ERATE_SOURCES.documentRetention,
  ERATE_SOURCES.invoiceExtensions,
  ERATE_SOURCES.giftRules,
  cfr('54.502(b)'),
];

/**
 * FY2021–2025 budget cycle (FCC 19-117, 47 CFR § 54.502(b)(3)): $167/student, $4.50/sq ft, $25,000 floor, Tribal
 * libraries $55,000.
 */
export const erate2025: ErateRuleSet = {
  id: 'erate-2025',
  effectiveFrom: '2021-07-01',
  effectiveTo: '2026-07-01',
  fundingYears: { first: 2021, last: 2025 },
  description:
    'E-Rate FY2021–FY2025: Free Services Advisory, FCC 14-99 discount matrix, district-wide five-year Category 2 budgets ($167/student, $4.50/sq ft, $25,000 floor, Tribal libraries $55,000)',
  sources: [ERATE_SOURCES.tribalOrder, ...districtWideCycleSources],
  unconfirmed: ['Form 471 windows of FY2021–2025 are not recorded: the window check reports them as unknown'],
  params: {
    ...common,
    discountMatrix: [...common.discountMatrix],
    form471Windows: {},
    categoryTwoBudget: {
      basis: 'district-wide',
      cycleStartFundingYear: 2021,
      cycleYears: 5,
      perStudent: 16_700,
      perLibrarySquareFoot: 450,
      floor: 2_500_000,
      tribalLibraryFloor: 5_500_000,
      hybridMaxEntities: 10,
    },
  },
};

/**
 * FY2026–2030 budget cycle: the FCC 19-117 method with the multipliers and floors the Wireline
 * Competition Bureau announced on June 4, 2025 ($201.57/student, $5.43/sq ft, $30,175 floor, Tribal
 * libraries $66,385). FY2026's Form 471 window (January 21 – April 1, 2026) is as USAC announced it.
 */
export const erate2030: ErateRuleSet = {
  id: 'erate-2030',
  effectiveFrom: '2026-07-01',
  fundingYears: { first: 2026, last: 2030 },
  description:
    'E-Rate FY2026–FY2030: district-wide five-year Category 2 budgets ($201.57/student, $5.43/sq ft, $30,175 floor, Tribal libraries $66,385)',
  sources: [ERATE_SOURCES.fy2026Notice, ...districtWideCycleSources],
  unconfirmed: [
    'The June 4, 2025 public notice figures are recorded as the issue tracker states them; the notice itself was not available to confirm them from here',
    'Form 471 windows of FY2027–2030 are not yet recorded: adopt a new rule set version when USAC announces them',
  ],
  params: {
    ...common,
    discountMatrix: [...common.discountMatrix],
    form471Windows: {
      '2026': {
        opens: '2026-01-21',
        closes: '2026-04-01',
        source: 'USAC E-Rate News Brief, December 18, 2025 (FY2026 application window)',
      },
    },
    categoryTwoBudget: {
      basis: 'district-wide',
      cycleStartFundingYear: 2026,
      cycleYears: 5,
      perStudent: 20_157,
      perLibrarySquareFoot: 543,
      floor: 3_017_500,
      tribalLibraryFloor: 6_638_500,
      hybridMaxEntities: 10,
    },
  },
};

/**
 * The sets the code knows: the ledger's genesis rule sets, always known, recorded on the rule-set stream on first
 * start.
 */
export const builtInErateRuleSets: readonly ErateRuleSet[] = [erateFsa2015, erate2025, erate2030];

/** The funding year a date falls in: funding year N runs from July 1 of N to June 30 of N + 1 (47 CFR § 54.507(b)). */
export function fundingYearOn(date: CalendarDate): number {
  const year = Number(date.slice(0, 4));
  return date.slice(5, 10) >= '07-01' ? year : year - 1;
}

export const coversFundingYear = (set: Pick<ErateRuleSet, 'fundingYears'>, fundingYear: number): boolean =>
  set.fundingYears.first <= fundingYear &&
  (set.fundingYears.last === undefined || fundingYear <= set.fundingYears.last);

/** The set among those in force whose funding years cover `fundingYear` (the latest adopted if several), or none. */
export const ruleSetForFundingYear = (
  inForce: readonly ErateRuleSet[],
  fundingYear: number,
): ErateRuleSet | undefined => inForce.filter((s) => coversFundingYear(s, fundingYear)).at(-1);

/**
 * The set that judges a fact dated `date` where no funding year is named (a Form 470, a donation, an
 * asset): the one covering the date's funding year; past the newest set, the newest; before the first,
 * the earliest, since the ledger holds no older figures.
 */
export function ruleSetForDate(inForce: readonly ErateRuleSet[], date: CalendarDate): ErateRuleSet | undefined {
  const fundingYear = fundingYearOn(date);
  const byStart = [...inForce].sort((a, b) => a.fundingYears.first - b.fundingYears.first);
  return (
    ruleSetForFundingYear(inForce, fundingYear) ??
    byStart.filter((s) => s.fundingYears.first <= fundingYear).at(-1) ??
    byStart[0]
  );
}
