import { type BasisPoints, type Cents } from '../shared/money';

/** One NSLP band of the discount matrix: discounts (integer percent) from `fromBasisPoints` up to the next band. */
export interface DiscountBand {
  /** Inclusive lower bound of the share of NSLP-eligible students, in basis points. */
  fromBasisPoints: BasisPoints;
  label: string;
  category1: { urban: number; rural: number };
  category2: { urban: number; rural: number };
}

/**
 * Category 2 budgets of a fixed five-year cycle (FCC 19-117, from FY2021): district-wide and library
 * system-wide, the greater of the per-student (per-square-foot) amount and the floor times the number
 * of schools (outlets); districts and systems of at most `hybridMaxEntities` may sum each entity's own
 * greater of the two instead.
 */
export interface DistrictWideCategoryTwoBudget {
  basis: 'district-wide';
  /** First funding year of the budget cycle and its length in years. */
  cycleStartFundingYear: number;
  cycleYears: number;
  perStudent: Cents;
  /** Libraries: per square foot. */
  perLibrarySquareFoot: Cents;
  /** The least budget for each school or library outlet. */
  floor: Cents;
  /** The least budget for each Tribal library outlet. */
  tribalLibraryFloor: Cents;
  /** Districts and library systems with at most this many schools or outlets may take the hybrid calculation. */
  hybridMaxEntities: number;
}

/**
 * A rule set whose Category 2 budgets the ledger does not compute, with the reason; a request under it
 * gets a finding saying so instead of a half-right figure.
 */
export interface UnsupportedCategoryTwoBudget {
  basis: 'unsupported';
  cycleStartFundingYear: number;
  cycleYears: number;
  reason: string;
}

export type CategoryTwoBudgetParams = DistrictWideCategoryTwoBudget | UnsupportedCategoryTwoBudget;

/** Every figure the E-Rate rules use. Rule code reads these; it holds no program figures of its own. */
export interface ErateParams {
  /** 30% rule: an ineligible share at or above this (of the FRN total) denies the request. */
  thirtyPercentThresholdBasisPoints: BasisPoints;
  /** Bands in ascending order; the last band whose bound the applicant reaches applies. */
  discountMatrix: DiscountBand[];
  /** CEP schools: students × directly certified share × this (16000 = 1.6), capped at the school's enrolment. */
  cepMultiplierBasisPoints: BasisPoints;
  /**
   * The NSLP percentage is rounded to a whole percent, half up, before the matrix lookup
   * (USAC "Calculating Discount Rates").
   */
  nslpRounding: 'whole-percent-half-up';
  /**
   * Additional discount matching state (or Tribal) funding for Category 1 special construction, one
   * point per point of state funding, at most `maxExtraPoints`; discount, state funding and match
   * together never pass `maxTotalPercent`.
   */
  stateMatch: { maxExtraPoints: number; maxTotalPercent: number; appliesTo: 'category-1-special-construction' };
  categoryTwoBudget: CategoryTwoBudgetParams;
  /**
   * Allowable contract date: this many days after the Form 470 certify date; no vendor selection, contract or Form 471
   * before it.
   */
  allowableContractDays: number;
  /** Form 486 due this many days after the later of service start and funding commitment. */
  form486DueDays: number;
  /** Invoices due this many days after the later of the last date of service and the Form 486 notification date. */
  invoiceDueDays: number;
  /** One extension of the invoice deadline of this many days, requested on or before the deadline. */
  invoiceExtensionDays: number;
  invoiceExtensionsAllowed: number;
  /** Service delivery deadlines as month-day of the calendar year in which the funding year ends. */
  serviceDelivery: { recurringLastDay: string; nonRecurringLastDay: string };
  /** Records kept this many years after the later of the funding year's end and the service delivery deadline. */
  recordsRetentionYears: number;
  /** Funded equipment may not be traded in before this many years after installation. */
  tradeInMinimumYears: number;
  /** Gifts from a service provider: at most this much an item, and this much from one source in a funding year. */
  gifts: { perItemMax: Cents; perSourcePerFundingYearMax: Cents };
  /**
   * Form 471 filing windows by funding year, as USAC announced them; a year absent here has no
   * recorded window and its requests get a finding that the window cannot be checked.
   */
  form471Windows: Record<string, { opens: string; closes: string; source: string }>;
}
