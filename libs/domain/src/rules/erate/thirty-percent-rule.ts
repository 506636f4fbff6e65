import { type BasisPoints, type Cents } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { type ErateParams } from '../../rule-set/erate-params';
import { ERATE_SOURCES } from '../../rule-set/erate-sources';

export type ThirtyPercentOutcome = 'approvable' | 'reduce-by-ineligible-share' | 'deny';
export type DenialGround = 'serious-violation' | 'unseparated-bundle' | 'ineligible-share';

export interface ThirtyPercentFacts {
  ineligible: Cents;
  total: Cents;
  seriousViolation: boolean;
  unseparatedBundle: boolean;
}

export interface ThirtyPercentResult {
  outcome: ThirtyPercentOutcome;
  /** Why a request is denied; absent unless the outcome is `deny`. */
  deniedFor?: DenialGround;
  /** Ineligible share of the total, in basis points, rounded down so 29.999% never shows as 30.00%. */
  ineligibleShareBasisPoints: BasisPoints;
}

/**
 * The 30% rule: an FRN whose ineligible share is under 30% of its total goes on, reduced by that
 * share; at 30% or more it is denied. It does not rescue serious violations, which deny outright, nor a
 * single price for a bundle whose ineligible part cannot be subtracted (Ex. 4).
 */
export const thirtyPercentRule: Rule<ThirtyPercentFacts, ThirtyPercentResult, ErateParams> = {
  id: 'erate.30-percent',
  citation: `${ERATE_SOURCES.freeServicesAdvisory}, "Basic Principles" (The 30% Rule; serious violations)`,
  apply: (facts, params) => {
    const ineligibleShareBasisPoints = facts.total === 0 ? 0 : Math.floor((facts.ineligible * 10_000) / facts.total);
    if (facts.seriousViolation) return { outcome: 'deny', deniedFor: 'serious-violation', ineligibleShareBasisPoints };
    if (facts.unseparatedBundle)
      return { outcome: 'deny', deniedFor: 'unseparated-bundle', ineligibleShareBasisPoints };
    if (facts.ineligible === 0) return { outcome: 'approvable', ineligibleShareBasisPoints };
    // Compared in whole cents, not the rounded share: exactly 30% denies, a cent less does not.
    const atOrAboveThreshold = facts.ineligible * 10_000 >= params.thirtyPercentThresholdBasisPoints * facts.total;
    return atOrAboveThreshold
      ? { outcome: 'deny', deniedFor: 'ineligible-share', ineligibleShareBasisPoints }
      : { outcome: 'reduce-by-ineligible-share', ineligibleShareBasisPoints };
  },
};
