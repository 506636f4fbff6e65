import { type Cents } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { CITATIONS } from './citations';

export interface EarnedShareFacts {
  total: Cents;
  stateShare: Cents;
  districtShare: Cents;
  /** The most the program's share terms let the state pay on this order's eligible lines, before caps. */
  shareLimit: Cents;
  /**
   * What the program's caps leave for this order (per order, and per district after its earlier orders); null when
   * uncapped.
   */
  capRoom: Cents | null;
}

export interface EarnedShareOutcome {
  /** The most the state may pay on this order: the share limit, within the caps. */
  maxStateShare: Cents;
  /** The least the district must pay: everything the state may not. */
  minDistrictShare: Cents;
  termsMet: boolean;
  /** The state share the order earns: all of it when the district pays its minimum, nothing when it does not. */
  earned: Cents;
}

/**
 * The state covers its share only "if the district covers at least" its minimum: a district paying
 * less earns the order no state share at all until a correcting fact brings its share up.
 */
export const earnedShareRule: Rule<EarnedShareFacts, EarnedShareOutcome, null> = {
  id: 'state.share.earned',
  citation: CITATIONS.msConnects,
  apply: ({ total, stateShare, districtShare, shareLimit, capRoom }) => {
    const maxStateShare = capRoom === null ? shareLimit : Math.min(shareLimit, capRoom);
    const minDistrictShare = total - maxStateShare;
    const termsMet = districtShare >= minDistrictShare;
    return { maxStateShare, minDistrictShare, termsMet, earned: termsMet ? stateShare : 0 };
  },
};
