import { type PriceTier } from '@ledger/domain';

/** An entity count at a scale, never below `min` so even a tiny scale tells the whole story. */
export const scaled = (base: number, scale: number, min: number): number => Math.max(min, Math.round(base * scale));

/**
 * Splits `total` over items by weight without drift: item i gets the rounded cumulative share up to it
 * minus the rounded cumulative share before it, so the parts always add up to `total` exactly and can
 * be recomputed item by item while streaming.
 */
export const apportioned = (total: number, weightBefore: number, weight: number, weightSum: number): number =>
  weightSum === 0
    ? 0
    : Math.round((total * (weightBefore + weight)) / weightSum) - Math.round((total * weightBefore) / weightSum);

/** Volume tiers whose thresholds shrink with the scale, so a small run still climbs the tiers. */
export const scaledTiers = (tiers: readonly PriceTier[], scale: number): PriceTier[] =>
  tiers.reduce<PriceTier[]>((out, tier, i) => {
    const previous = out[i - 1];
    const min =
      i === 0 ? 0 : Math.max((previous?.minCohortQuantity ?? 0) + 1, Math.round(tier.minCohortQuantity * scale));
    return [...out, { minCohortQuantity: min, unitPrice: tier.unitPrice }];
  }, []);

/** A stream-safe run tag: the scenario's short name and the seed, so runs of different seeds never share streams. */
export const runTag = (short: string, seed: number): string => `${short}${seed}`;

export const padded = (n: number, width = 4): string => String(n).padStart(width, '0');
