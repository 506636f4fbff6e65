/**
 * Money is integer cents; rates are integer basis points (1% = 100 bp) unless a name says percent.
 * Rounding is half-up to the cent (away from zero for the non-negative amounts the ledger handles);
 * a rule that rounds differently says so where it calls these functions.
 */
export type Cents = number;
export type BasisPoints = number;

export const usd = (dollars: number): Cents => Math.round(dollars * 100);
export const percent = (p: number): BasisPoints => Math.round(p * 100);

export const isCents = (v: unknown): v is Cents => typeof v === 'number' && Number.isSafeInteger(v);

export const sum = (amounts: readonly Cents[]): Cents => amounts.reduce((a, b) => a + b, 0);

/** a × numerator / denominator, rounded half-up, in exact integer arithmetic. */
export function mulDiv(a: Cents, numerator: number, denominator: number): Cents {
  if (denominator === 0) throw new RangeError('mulDiv: denominator is zero');
  const n = BigInt(a) * BigInt(numerator);
  const d = BigInt(denominator);
  const sign = n < 0n !== d < 0n ? -1n : 1n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an * 2n + ad) / (ad * 2n);
  return Number(sign * q);
}

/** The share of an amount at a rate in basis points, half-up. */
export const applyRate = (amount: Cents, rate: BasisPoints): Cents => mulDiv(amount, rate, 10_000);

/**
 * Splits `total` across parts in proportion to `weights`, so the parts sum to `total` exactly:
 * each part is floored, and the cents left over go to the largest remainders (ties to the earlier part).
 */
export function allocate(total: Cents, weights: readonly number[]): Cents[] {
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (weightSum === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const T = BigInt(total);
  const W = BigInt(weightSum);
  const parts = weights.map((w) => {
    const n = T * BigInt(w);
    return { floor: n / W, remainder: n % W };
  });
  let left = T - parts.reduce((a, p) => a + p.floor, 0n);
  const order = parts
    .map((p, i) => ({ i, r: p.remainder }))
    .sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  const out = parts.map((p) => p.floor);
  for (const { i } of order) {
    if (left <= 0n) break;
    out[i]! += 1n;
    left -= 1n;
  }
  return out.map(Number);
}

export const formatUsd = (c: Cents): string =>
  `${c < 0 ? '-' : ''}$${(Math.abs(c) / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
