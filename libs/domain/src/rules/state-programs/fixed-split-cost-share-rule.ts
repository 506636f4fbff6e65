import { type BasisPoints, type Cents } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { CITATIONS } from './citations';
import { type FixedSplitParams } from './rule-sets';
import { shareRoundedDown, shareRoundedUp } from './share-rounding';

export interface CostShareFacts {
  total: Cents;
  stateShare: Cents;
  districtShare: Cents;
}

export interface FixedSplitOutcome {
  /** The most the state may pay: `stateMaxPercent` of the total, rounded down. */
  maxStateShare: Cents;
  /** The least the district must pay: `districtMinPercent` of the total, rounded up. */
  minDistrictShare: Cents;
  /** The recorded state share as basis points of the total (rounded down). */
  stateShareRate: BasisPoints;
  stateOverMax: boolean;
  districtUnderMin: boolean;
  /** How much of the recorded state share exceeds what the program may pay. */
  stateExcess: Cents;
}

/** Mississippi Connects covered up to 80% of device costs if districts covered at least 20%. */
export const fixedSplitCostShareRule: Rule<CostShareFacts, FixedSplitOutcome, FixedSplitParams> = {
  id: 'state.fixed-split-cost-share',
  citation: CITATIONS.msConnects,
  apply: ({ total, stateShare, districtShare }, params) => {
    const maxStateShare = shareRoundedDown(total, params.stateMaxPercent, 100);
    const minDistrictShare = shareRoundedUp(total, params.districtMinPercent, 100);
    return {
      maxStateShare,
      minDistrictShare,
      stateShareRate: total === 0 ? 0 : shareRoundedDown(stateShare, 10_000, total),
      stateOverMax: stateShare > maxStateShare,
      districtUnderMin: districtShare < minDistrictShare,
      stateExcess: Math.max(0, stateShare - maxStateShare),
    };
  },
};
