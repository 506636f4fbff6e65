import { type Cents } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { type FixedSplitShare } from '../../program/terms';
import { CITATIONS } from './citations';
import { shareRoundedDown, shareRoundedUp } from './share-rounding';

export interface FixedSplitOutcome {
  /** The most the state may pay: the program's `stateMaxPercent` of the eligible cost, rounded down. */
  maxStateShare: Cents;
  /** The least the district must pay of the eligible cost: `districtMinPercent`, rounded up. */
  minDistrictShare: Cents;
}

/**
 * "The state will cover up to 80% of the cost of devices if the district covers at least 20%": the program states both
 * figures.
 */
export const fixedSplitCostShareRule: Rule<{ eligibleTotal: Cents }, FixedSplitOutcome, FixedSplitShare> = {
  id: 'state.fixed-split-cost-share',
  citation: CITATIONS.msConnects,
  apply: ({ eligibleTotal }, terms) => ({
    maxStateShare: shareRoundedDown(eligibleTotal, terms.stateMaxPercent, 100),
    minDistrictShare: shareRoundedUp(eligibleTotal, terms.districtMinPercent, 100),
  }),
};
