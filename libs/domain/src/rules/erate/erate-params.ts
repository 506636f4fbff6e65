import { type BasisPoints, type Cents } from '../../shared/money';

/** One NSLP band of the discount matrix: discounts (integer percent) from `fromBasisPoints` up to the next band. */
export interface DiscountBand {
  /** Inclusive lower bound of the share of NSLP-eligible students, in basis points. */
  fromBasisPoints: BasisPoints;
  label: string;
  category1: { urban: number; rural: number };
  category2: { urban: number; rural: number };
}

/** Every figure the E-Rate rules use. Rule code reads these; it holds no program figures of its own. */
export interface ErateParams {
  /** 30% rule: an ineligible share at or above this (of the FRN total) denies the request. */
  thirtyPercentThresholdBasisPoints: BasisPoints;
  /** Bands in ascending order; the last band whose bound the applicant reaches applies. */
  discountMatrix: DiscountBand[];
  /** CEP schools multiply their identified-student share by this (16000 = 1.6), capped at 100%. */
  cepMultiplierBasisPoints: BasisPoints;
  /** Points of extra discount per point of state match, and the most points a state match can add. */
  stateMatch: { maxExtraPoints: number; maxDiscountPercent: number };
  categoryTwoBudget: {
    /** First funding year of the budget cycle and its length in years. */
    cycleStartFundingYear: number;
    cycleYears: number;
    perStudent: Cents;
    /** Libraries: per square foot. */
    perLibrarySquareFoot: Cents;
    /** The least budget any school or library has for the cycle. */
    floor: Cents;
  };
  /** Allowable contract date: this many days after the Form 470 certify date. */
  allowableContractDays: number;
  /** Form 486 due this many days after the later of service start and funding commitment. */
  form486DueDays: number;
  /** Records kept this many years after the last day of service. */
  recordsRetentionYears: number;
  /** Funded equipment may not be traded in before this many years after installation. */
  tradeInMinimumYears: number;
}
