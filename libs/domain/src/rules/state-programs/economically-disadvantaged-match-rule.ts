import { type BasisPoints, type Cents } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { CITATIONS } from './citations';
import { type MatchBand } from '../../program/terms';
import { shareRoundedDown } from './share-rounding';

export interface MatchFacts {
  students: number;
  economicallyDisadvantagedStudents: number;
  /** The eligible cost the state matches on. */
  total: Cents;
}

export interface MatchOutcome {
  /**
   * Economically disadvantaged students as basis points of students, rounded down so no district rounds into a higher
   * band.
   */
  economicallyDisadvantagedShare: BasisPoints;
  band: MatchBand;
  matchRate: BasisPoints;
  /** The most the state matches on this total (rounded down). */
  stateMatch: Cents;
  /** What the district pays when the state matches in full. */
  districtShare: Cents;
}

/**
 * Texas Operation Connectivity: "a state matching component based on the number of economically disadvantaged
 * students"; the bands are the program's recorded terms.
 */
export const economicallyDisadvantagedMatchRule: Rule<MatchFacts, MatchOutcome, readonly MatchBand[]> = {
  id: 'state.economically-disadvantaged-match',
  citation: CITATIONS.txConnectivity,
  apply: ({ students, economicallyDisadvantagedStudents, total }, table) => {
    const share = students === 0 ? 0 : shareRoundedDown(economicallyDisadvantagedStudents, 10_000, students);
    const band = [...table].reverse().find((b) => b.fromShare <= share);
    if (!band)
      throw new RangeError(`The match bands have none for a share of ${share} bp; the first band must start at 0`);
    const stateMatch = shareRoundedDown(total, band.matchRate, 10_000);
    return {
      economicallyDisadvantagedShare: share,
      band,
      matchRate: band.matchRate,
      stateMatch,
      districtShare: total - stateMatch,
    };
  },
};
