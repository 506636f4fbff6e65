import { type Cents } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { type FlatMatchShare } from '../../program/terms';
import { CITATIONS } from './citations';
import { shareRoundedDown } from './share-rounding';

/** A program that matches a flat share of the eligible cost: the state pays at most that share, rounded down. */
export const flatMatchRule: Rule<{ eligibleTotal: Cents }, { stateMatch: Cents }, FlatMatchShare> = {
  id: 'state.flat-match',
  citation: CITATIONS.stateFunds,
  apply: ({ eligibleTotal }, terms) => ({ stateMatch: shareRoundedDown(eligibleTotal, terms.matchRate, 10_000) }),
};
