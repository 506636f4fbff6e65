import { usd } from '../../shared/money';
import { volumeTierRule } from './volume-tier-rule';

/** Chromebook tiers on a cohort contract: $300 from 0, $280 from 1,000, $250 from 5,000 units. */
const tiers = [
  { minCohortQuantity: 0, unitPrice: usd(300) },
  { minCohortQuantity: 1_000, unitPrice: usd(280) },
  { minCohortQuantity: 5_000, unitPrice: usd(250) },
];

describe('volume tiers (coop.volume-tier)', () => {
  it('no units yet: the first tier, 1,000 units to the $280 tier, saving $20 a unit and nothing on no units', () => {
    expect(volumeTierRule.apply({ cohortQuantity: 0 }, tiers)).toEqual({
      cohortQuantity: 0,
      tierIndex: 0,
      reached: tiers[0],
      next: {
        minCohortQuantity: 1_000,
        unitPrice: usd(280),
        unitsToGo: 1_000,
        savingPerUnit: usd(20),
        savingOnCohortQuantity: 0,
      },
    });
  });
  it('exactly at a threshold (1,000 units) the cohort is in that tier; the next is 4,000 units away and would save $30,000', () => {
    expect(volumeTierRule.apply({ cohortQuantity: 1_000 }, tiers)).toEqual({
      cohortQuantity: 1_000,
      tierIndex: 1,
      reached: tiers[1],
      next: {
        minCohortQuantity: 5_000,
        unitPrice: usd(250),
        unitsToGo: 4_000,
        savingPerUnit: usd(30),
        savingOnCohortQuantity: usd(30_000),
      },
    });
  });
  it('past the last threshold: the top tier, with no next tier', () => {
    expect(volumeTierRule.apply({ cohortQuantity: 7_500 }, tiers)).toEqual({
      cohortQuantity: 7_500,
      tierIndex: 2,
      reached: tiers[2],
      next: null,
    });
  });
  it('tiers that do not start at 0 cannot price a cohort below their first threshold', () => {
    expect(() => volumeTierRule.apply({ cohortQuantity: 10 }, tiers.slice(1))).toThrow(
      new RangeError('Price tiers must start at a cohort quantity of 0'),
    );
  });
});
