import fc from 'fast-check';
import { applyRate, sum } from '../../shared/money';
import { type FrnLine } from '../../funding-request/events';
import { type FrnOffer } from '../../funding-request/state';
import { eligibleCostRule } from './eligible-cost-rule';
import { erate2025 } from '../../rule-set/erate-rule-sets';
import { preDiscountCostRule } from './pre-discount-cost-rule';

const p = erate2025.params;

const lineArb = (i: number) =>
  fc
    .record({
      eligible: fc.boolean(),
      ancillary: fc.boolean(),
      specificallyRequested: fc.boolean(),
      quantity: fc.integer({ min: 1, max: 500 }),
      usualUnitPrice: fc.integer({ min: 0, max: 5_000_000 }),
    })
    .map((l): FrnLine => ({ ...l, lineId: `L${i}`, product: `P${i}` }));

const linesArb = fc
  .integer({ min: 1, max: 6 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => lineArb(i))));

const offerArb = (lineIds: string[]): fc.Arbitrary<FrnOffer> =>
  fc.oneof(
    fc.record({ rate: fc.integer({ min: 0, max: 10_000 }), some: fc.subarray(lineIds, { minLength: 1 }) }).map(
      ({ rate, some }) =>
        ({
          type: 'PriceReductionOffered',
          data: { description: 'cut', rateBasisPoints: rate, lineIds: some },
          eventId: 'e',
          position: 1,
        }) as FrnOffer,
    ),
    fc.integer({ min: 0, max: 100_000_000 }).map(
      (amount) =>
        ({
          type: 'PriceReductionOffered',
          data: { description: 'off', amount },
          eventId: 'e',
          position: 1,
        }) as FrnOffer,
    ),
    fc
      .record({ quoted: fc.integer({ min: 0, max: 100_000_000 }), outside: fc.integer({ min: 0, max: 10_000_000 }) })
      .map(
        ({ quoted, outside }) =>
          ({
            type: 'BundleDiscountOffered',
            data: { description: 'bundle', quotedTotal: quoted, partsOutsideRequestUsualCost: outside },
            eventId: 'e',
            position: 1,
          }) as FrnOffer,
      ),
    fc.integer({ min: 0, max: 10_000 }).map(
      (rate) =>
        ({
          type: 'PromptPaymentDiscountOffered',
          data: { rateBasisPoints: rate, withinDays: 30 },
          eventId: 'e',
          position: 1,
        }) as FrnOffer,
    ),
    fc
      .record({
        fmv: fc.integer({ min: 0, max: 10_000_000 }),
        treatment: fc.constantFrom('subtract', 'cost-allocate', 'not-deducted'),
      })
      .map(
        ({ fmv, treatment }) =>
          ({
            type: 'FreeItemOffered',
            data: { description: 'free', quantity: 1, fairMarketValue: fmv, tiedToPurchase: true, treatment },
            eventId: 'e',
            position: 1,
          }) as FrnOffer,
      ),
  );

const requestArb = linesArb.chain((lines) =>
  fc.record({
    lines: fc.constant(lines),
    offers: fc.array(offerArb(lines.map((l) => l.lineId)), { maxLength: 5 }),
    bundle: fc.option(fc.integer({ min: 0, max: 50_000_000 }), { nil: undefined }),
    rate: fc.integer({ min: 0, max: 100 }),
  }),
);

describe('pre-discount cost and eligible cost, for any request', () => {
  it('every deduction is split across lines to the exact cent, lines never go negative, and the totals add up', () => {
    fc.assert(
      fc.property(requestArb, ({ lines, offers, bundle }) => {
        const r = preDiscountCostRule.apply(
          { lines, offers, ...(bundle !== undefined ? { singleBundlePrice: bundle } : {}) },
          p,
        );
        for (const d of r.deductions) expect(sum(d.perLine)).toBe(d.amount);
        expect(r.netPerLine.every((c) => c >= 0)).toBe(true);
        expect(r.netCost).toBe(r.usualCost - sum(r.deductions.map((d) => d.amount)));
        expect(r.netCost).toBeLessThanOrEqual(r.usualCost);
      }),
    );
  });

  it('eligible + ineligible = total, and the requested commitment never exceeds the eligible cost', () => {
    fc.assert(
      fc.property(requestArb, ({ lines, offers, bundle, rate }) => {
        const single = bundle !== undefined ? { singleBundlePrice: bundle } : {};
        const r = preDiscountCostRule.apply({ lines, offers, ...single }, p);
        const e = eligibleCostRule.apply({ lines, netPerLine: r.netPerLine, costAllocations: new Map(), ...single }, p);
        expect(e.eligible + e.ineligible).toBe(e.total);
        expect(e.eligible).toBeGreaterThanOrEqual(0);
        expect(e.ineligible).toBeGreaterThanOrEqual(0);
        const commitment = applyRate(e.eligible, rate * 100);
        expect(commitment).toBeLessThanOrEqual(e.eligible);
        expect(commitment).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
