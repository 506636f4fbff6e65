import { type Cents } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { type PriceTier } from '../../contract/events';
import { CITATIONS } from './citations';

export interface NextTier {
  minCohortQuantity: number;
  unitPrice: Cents;
  unitsToGo: number;
  savingPerUnit: Cents;
  /** What the cohort's units ordered so far would cost less at the next tier's price. */
  savingOnCohortQuantity: Cents;
}

export interface VolumeTierOutcome {
  cohortQuantity: number;
  /** Zero-based index of the tier reached. */
  tierIndex: number;
  reached: PriceTier;
  next: NextTier | null;
}

/**
 * "The larger the cohort, the better the potential savings": the unit price falls as cohort quantity crosses tier
 * thresholds.
 */
export const volumeTierRule: Rule<{ cohortQuantity: number }, VolumeTierOutcome, readonly PriceTier[]> = {
  id: 'coop.volume-tier',
  citation: CITATIONS.naspoCohort,
  apply: ({ cohortQuantity }, tiers) => {
    let tierIndex = -1;
    tiers.forEach((t, i) => {
      if (t.minCohortQuantity <= cohortQuantity) tierIndex = i;
    });
    const reached = tiers[tierIndex];
    if (!reached) throw new RangeError('Price tiers must start at a cohort quantity of 0');
    const following = tiers[tierIndex + 1];
    const next: NextTier | null = following
      ? {
          minCohortQuantity: following.minCohortQuantity,
          unitPrice: following.unitPrice,
          unitsToGo: following.minCohortQuantity - cohortQuantity,
          savingPerUnit: reached.unitPrice - following.unitPrice,
          savingOnCohortQuantity: (reached.unitPrice - following.unitPrice) * cohortQuantity,
        }
      : null;
    return { cohortQuantity, tierIndex, reached, next };
  },
};
