import { usd } from '../../shared/money';
import { type CatalogItem } from '../../contract/events';
import { orderPriceRule } from './order-price-rule';

/**
 * A catalog of three items with their own tiers: Chromebooks fall to $280 at 1,000 units, hotspots to $90 at 500, PD
 * days never.
 */
const catalog: CatalogItem[] = [
  {
    itemId: 'chromebook',
    description: 'Chromebook 11"',
    kind: 'device',
    category: 'device',
    priceTiers: [
      { minCohortQuantity: 0, unitPrice: usd(300) },
      { minCohortQuantity: 1_000, unitPrice: usd(280) },
    ],
  },
  {
    itemId: 'hotspot',
    description: 'LTE hotspot',
    kind: 'hotspot',
    category: 'hotspot',
    priceTiers: [
      { minCohortQuantity: 0, unitPrice: usd(100) },
      { minCohortQuantity: 500, unitPrice: usd(90) },
    ],
  },
  {
    itemId: 'pd-day',
    description: 'Professional development day',
    kind: 'service',
    category: 'professional-development',
    priceTiers: [{ minCohortQuantity: 0, unitPrice: usd(2_500) }],
  },
];

describe('order price against the cohort tier (coop.volume-tier.price-above-tier)', () => {
  it("every line is priced against its own item's tiers: $300 Chromebooks at the $280 tier overcharge $4,000 on 200; $95 hotspots at the $90 tier $500 on 100; PD days at $2,500 none", () => {
    const checks = orderPriceRule.apply(
      {
        lines: [
          { itemId: 'chromebook', kind: 'device', quantity: 200, unitPrice: usd(300) },
          { itemId: 'hotspot', kind: 'hotspot', quantity: 100, unitPrice: usd(95) },
          { itemId: 'pd-day', kind: 'service', quantity: 4, unitPrice: usd(2_500) },
        ],
        catalog,
        cohortQuantityThrough: new Map([
          ['chromebook', 1_200],
          ['hotspot', 600],
          ['pd-day', 4],
        ]),
      },
      null,
    );
    expect(checks).toEqual([
      { itemId: 'chromebook', unitPrice: usd(300), tierUnitPrice: usd(280), overcharge: usd(4_000) },
      { itemId: 'hotspot', unitPrice: usd(95), tierUnitPrice: usd(90), overcharge: usd(500) },
      { itemId: 'pd-day', unitPrice: usd(2_500), tierUnitPrice: usd(2_500), overcharge: 0 },
    ]);
  });
  it('compliant: a line priced under its tier is not overcharged (never a negative overcharge)', () => {
    expect(
      orderPriceRule.apply(
        {
          lines: [{ itemId: 'hotspot', kind: 'hotspot', quantity: 10, unitPrice: usd(85) }],
          catalog,
          cohortQuantityThrough: new Map([['hotspot', 600]]),
        },
        null,
      ),
    ).toEqual([{ itemId: 'hotspot', unitPrice: usd(85), tierUnitPrice: usd(90), overcharge: 0 }]);
  });
  it("with no cohort count recorded for an item, the order's own quantity decides the tier (1,000 Chromebooks reach $280)", () => {
    expect(
      orderPriceRule.apply(
        {
          lines: [{ itemId: 'chromebook', kind: 'device', quantity: 1_000, unitPrice: usd(300) }],
          catalog,
          cohortQuantityThrough: new Map([['hotspot', 5_000]]),
        },
        null,
      ),
    ).toEqual([{ itemId: 'chromebook', unitPrice: usd(300), tierUnitPrice: usd(280), overcharge: usd(20_000) }]);
  });
  it("a line for an item not in the contract's catalog is not priced", () => {
    expect(
      orderPriceRule.apply(
        {
          lines: [{ itemId: 'tablet', kind: 'device', quantity: 5, unitPrice: usd(400) }],
          catalog,
          cohortQuantityThrough: new Map(),
        },
        null,
      ),
    ).toEqual([]);
  });
});
