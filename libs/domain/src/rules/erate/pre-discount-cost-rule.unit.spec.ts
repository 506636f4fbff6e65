import { usd } from '../../shared/money';
import { type FrnLine } from '../../funding-request/events';
import { type FrnOffer } from '../../funding-request/state';
import { erate2025 } from '../../rule-set/erate-rule-sets';
import { preDiscountCostRule } from './pre-discount-cost-rule';

const p = erate2025.params;

const line = (lineId: string, eligible: boolean, quantity: number, usualUnitPrice: number): FrnLine => ({
  lineId,
  product: `Product ${lineId}`,
  eligible,
  ancillary: false,
  specificallyRequested: true,
  quantity,
  usualUnitPrice,
});
/**
 * Switches $5,000 (10 × $500) and cabling $3,000, both eligible; staff training $2,000, ineligible. Usual cost $10,000.
 */
const lines = [
  line('switches', true, 10, usd(500)),
  line('cabling', true, 1, usd(3_000)),
  line('training', false, 1, usd(2_000)),
];

let position = 0;
const offer = <T extends FrnOffer['type']>(type: T, data: Extract<FrnOffer, { type: T }>['data']): FrnOffer =>
  ({ type, data, eventId: `evt-${type}-${++position}`, position }) as FrnOffer;

const apply = (offers: FrnOffer[], singleBundlePrice?: number, onLines: FrnLine[] = lines) =>
  preDiscountCostRule.apply(
    { lines: onLines, offers, ...(singleBundlePrice !== undefined ? { singleBundlePrice } : {}) },
    p,
  );

describe('pre-discount cost (erate.pre-discount-cost)', () => {
  it('no offers: the usual cost of each line (quantity × usual unit price) is what is paid', () => {
    expect(apply([])).toEqual({
      usualPerLine: [usd(5_000), usd(3_000), usd(2_000)],
      usualCost: usd(10_000),
      deductions: [],
      netPerLine: [usd(5_000), usd(3_000), usd(2_000)],
      netCost: usd(10_000),
    });
  });

  it('a single bundle price ($9,000) is spread over the lines by their usual cost (5 : 3 : 2)', () => {
    expect(apply([], usd(9_000)).usualPerLine).toEqual([usd(4_500), usd(2_700), usd(1_800)]);
  });

  it('a single bundle price over lines that carry no usual price is shared equally ($900 over three lines)', () => {
    const unpriced = lines.map((l) => ({ ...l, usualUnitPrice: 0 }));
    expect(apply([], usd(900), unpriced).usualPerLine).toEqual([usd(300), usd(300), usd(300)]);
  });

  it('a price cut on one line ($1,000 off cabling) comes off that line only, not spread over all lines', () => {
    const cut = offer('PriceReductionOffered', {
      description: 'Cabling promotion',
      lineIds: ['cabling'],
      amount: usd(1_000),
    });
    const r = apply([cut]);
    expect(r.deductions).toEqual([
      {
        kind: 'price-reduction',
        description: 'Cabling promotion',
        amount: usd(1_000),
        perLine: [0, usd(1_000), 0],
        basis: '100000 cents off',
        sourceEventId: cut.eventId,
      },
    ]);
    expect(r.netPerLine).toEqual([usd(5_000), usd(2_000), usd(2_000)]);
    expect(r.netCost).toBe(usd(9_000));
  });

  it('a 10% cut on switches and training ($7,000) takes $700, split 5 : 2 between those two lines only', () => {
    const cut = offer('PriceReductionOffered', {
      description: 'Spring sale',
      lineIds: ['switches', 'training'],
      rateBasisPoints: 1_000,
    });
    expect(apply([cut]).deductions).toEqual([
      {
        kind: 'price-reduction',
        description: 'Spring sale',
        amount: usd(700),
        perLine: [usd(500), 0, usd(200)],
        basis: '1000 bp of 700000 cents',
        sourceEventId: cut.eventId,
      },
    ]);
  });

  it('a cut naming no lines applies to every line ($500 split 5 : 3 : 2)', () => {
    expect(
      apply([offer('PriceReductionOffered', { description: 'Loyalty credit', amount: usd(500) })]).deductions[0]
        ?.perLine,
    ).toEqual([usd(250), usd(150), usd(100)]);
  });

  it('a cut larger than its lines cost takes only what they cost ($4,000 asked of $3,000 cabling)', () => {
    const r = apply([
      offer('PriceReductionOffered', { description: 'Overstated', lineIds: ['cabling'], amount: usd(4_000) }),
    ]);
    expect(r.deductions[0]).toMatchObject({ amount: usd(3_000), perLine: [0, usd(3_000), 0] });
    expect(r.netPerLine).toEqual([usd(5_000), 0, usd(2_000)]);
  });

  it('a cut of nothing (0%) records no deduction', () => {
    expect(apply([offer('PriceReductionOffered', { description: 'No-op', rateBasisPoints: 0 })]).deductions).toEqual(
      [],
    );
  });

  it('a bundle discount is shared with bundle parts outside the request: $8,000 inside + $2,000 outside quoted at $9,000 takes $800 off the request', () => {
    const bundle = offer('BundleDiscountOffered', {
      description: 'Network bundle',
      lineIds: ['switches', 'cabling'],
      partsOutsideRequestUsualCost: usd(2_000),
      quotedTotal: usd(9_000),
    });
    expect(apply([bundle]).deductions).toEqual([
      {
        kind: 'bundle-discount',
        description: 'Network bundle',
        amount: usd(800),
        perLine: [usd(500), usd(300), 0],
        basis: '1000000 cents usual (200000 outside the request), 900000 cents quoted together',
        sourceEventId: bundle.eventId,
      },
    ]);
  });

  it('a bundle with no parts outside the request takes its whole discount off its lines ($10,000 quoted at $9,500: $500)', () => {
    expect(
      apply([offer('BundleDiscountOffered', { description: 'All-in', quotedTotal: usd(9_500) })]).deductions[0],
    ).toMatchObject({ amount: usd(500), perLine: [usd(250), usd(150), usd(100)] });
  });

  it('a bundle quoted above its usual cost is no discount and records no deduction', () => {
    expect(
      apply([offer('BundleDiscountOffered', { description: 'Dearer together', quotedTotal: usd(11_000) })]).deductions,
    ).toEqual([]);
  });

  it('a bundle over lines that cost nothing any more records no deduction', () => {
    const free = offer('PriceReductionOffered', {
      description: 'Cabling waived',
      lineIds: ['cabling'],
      amount: usd(3_000),
    });
    expect(
      apply([
        free,
        offer('BundleDiscountOffered', { description: 'Cabling bundle', lineIds: ['cabling'], quotedTotal: 0 }),
      ]).deductions.map((d) => d.kind),
    ).toEqual(['price-reduction']);
  });

  it('a 2% prompt payment discount comes off every line, on what is still owed after earlier offers ($9,000 → $180)', () => {
    const cut = offer('PriceReductionOffered', {
      description: 'Cabling promotion',
      lineIds: ['cabling'],
      amount: usd(1_000),
    });
    const prompt = offer('PromptPaymentDiscountOffered', { rateBasisPoints: 200, withinDays: 30 });
    expect(apply([cut, prompt]).deductions[1]).toEqual({
      kind: 'prompt-payment-discount',
      description: 'Prompt payment within 30 days',
      amount: usd(180),
      perLine: [usd(100), usd(40), usd(40)],
      basis: '200 bp of 900000 cents',
      sourceEventId: prompt.eventId,
    });
  });

  it('a line that already costs nothing carries none of a later discount: 2% of $7,000 split 5 : 0 : 2 after cabling is waived', () => {
    const waived = offer('PriceReductionOffered', {
      description: 'Cabling waived',
      lineIds: ['cabling'],
      amount: usd(3_000),
    });
    const r = apply([waived, offer('PromptPaymentDiscountOffered', { rateBasisPoints: 200, withinDays: 10 })]);
    expect(r.deductions[1]?.perLine).toEqual([usd(100), 0, usd(40)]);
    expect(r.netPerLine).toEqual([usd(4_900), 0, usd(1_960)]);
  });

  it("a free item's value ($800) comes off the eligible lines only (5 : 3), never the ineligible training", () => {
    const item = offer('FreeItemOffered', {
      description: 'Wireless controller',
      quantity: 1,
      fairMarketValue: usd(800),
      tiedToPurchase: true,
      treatment: 'subtract',
    });
    const r = apply([item]);
    expect(r.deductions).toEqual([
      {
        kind: 'free-item',
        description: 'Wireless controller',
        amount: usd(800),
        perLine: [usd(500), usd(300), 0],
        basis: 'fair market value 80000 cents subtracted',
        sourceEventId: item.eventId,
      },
    ]);
    expect(r.netPerLine).toEqual([usd(4_500), usd(2_700), usd(2_000)]);
  });

  it("with no eligible line, a free item's value comes off every line", () => {
    const ineligible = lines.map((l) => ({ ...l, eligible: false }));
    const item = offer('FreeItemOffered', {
      description: 'Tote bags',
      quantity: 50,
      fairMarketValue: usd(1_000),
      tiedToPurchase: true,
      treatment: 'not-deducted',
    });
    expect(apply([item], undefined, ineligible).deductions[0]?.perLine).toEqual([usd(500), usd(300), usd(200)]);
  });

  it('a free item not tied to the purchase is not deducted', () => {
    expect(
      apply([
        offer('FreeItemOffered', {
          description: 'Conference pass',
          quantity: 1,
          fairMarketValue: usd(800),
          tiedToPurchase: false,
          treatment: 'subtract',
        }),
      ]).deductions,
    ).toEqual([]);
  });

  it("a cost-allocated free item: $10,000 paid buys lines and a $2,500 item, so the item's share $2,000 leaves the request, over every line", () => {
    const item = offer('FreeItemOffered', {
      description: 'Projector',
      quantity: 1,
      fairMarketValue: usd(2_500),
      tiedToPurchase: true,
      treatment: 'cost-allocate',
    });
    expect(apply([item]).deductions).toEqual([
      {
        kind: 'free-item',
        description: 'Projector',
        amount: usd(2_000),
        perLine: [usd(1_000), usd(600), usd(400)],
        basis: '1000000 cents paid buys lines and items worth 250000 cents; item share allocated out',
        sourceEventId: item.eventId,
      },
    ]);
  });

  it('a cost-allocated free item worth as much as the $10,000 paid takes half of it ($5,000)', () => {
    const item = offer('FreeItemOffered', {
      description: 'Interactive displays',
      quantity: 4,
      fairMarketValue: usd(10_000),
      tiedToPurchase: true,
      treatment: 'cost-allocate',
    });
    expect(apply([item]).deductions[0]).toMatchObject({
      amount: usd(5_000),
      perLine: [usd(2_500), usd(1_500), usd(1_000)],
    });
  });

  it('a cost-allocated free item worth nothing, on lines that cost nothing, takes nothing', () => {
    const unpriced = lines.map((l) => ({ ...l, usualUnitPrice: 0 }));
    expect(
      apply(
        [
          offer('FreeItemOffered', {
            description: 'Sticker',
            quantity: 1,
            fairMarketValue: 0,
            tiedToPurchase: true,
            treatment: 'cost-allocate',
          }),
        ],
        undefined,
        unpriced,
      ).deductions,
    ).toEqual([]);
  });

  it('a donation tied to the bid ($1,600) comes off the eligible lines only; one not tied comes off nothing', () => {
    const tied = offer('DonationRecorded', {
      donor: 'Acme Networks',
      description: 'Lab refit',
      value: usd(1_600),
      fromServiceProvider: true,
      tiedToBid: true,
    });
    const untied = offer('DonationRecorded', {
      donor: 'PTA',
      description: 'Bake sale',
      value: usd(400),
      fromServiceProvider: false,
      tiedToBid: false,
    });
    expect(apply([tied, untied]).deductions).toEqual([
      {
        kind: 'donation',
        description: 'Lab refit from Acme Networks',
        amount: usd(1_600),
        perLine: [usd(1_000), usd(600), 0],
        basis: 'donation tied to the bid, value 160000 cents',
        sourceEventId: tied.eventId,
      },
    ]);
  });

  it('grants, cost allocations and state match commitments do not change what is paid', () => {
    const r = apply([
      offer('GrantReceived', {
        grantor: 'Foundation',
        amount: usd(1_000),
        receivedOn: '2024-03-01',
        independentOfServiceProvider: true,
      }),
      offer('CostAllocationDeclared', { lineId: 'switches', eligibleBasisPoints: 8_000, method: 'ports' }),
      offer('StateMatchCommitted', { statePercent: 10, source: 'State broadband fund' }),
    ]);
    expect(r.deductions).toEqual([]);
    expect(r.netCost).toBe(usd(10_000));
  });
});
