import { type Cents } from '../../shared/money';

/**
 * Shares a program pays are rounded down to the cent and the district's minimums up, so rounding
 * never lets the state pay more, or the district less, than the rule allows.
 */
export const shareRoundedDown = (total: Cents, numerator: number, denominator: number): Cents =>
  Number((BigInt(total) * BigInt(numerator)) / BigInt(denominator));

export const shareRoundedUp = (total: Cents, numerator: number, denominator: number): Cents => {
  const n = BigInt(total) * BigInt(numerator);
  const d = BigInt(denominator);
  return Number((n + d - 1n) / d);
};
