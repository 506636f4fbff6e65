import { usd } from '../../shared/money';
import { type BidLine, type BidReceived, type EvaluationFactor } from '../../procurement/events';
import { bidEligibleCost, costEffectiveSelectionRule, priceWeightRule } from './bid-evaluation-rule';
import { erate2025 } from '../../rule-set/erate-rule-sets';

const p = erate2025.params;

const switchLine = (usualUnitPrice: number, quantity = 10): BidLine => ({
  product: 'Switch 24-port',
  eligible: true,
  ancillary: false,
  quantity,
  usualUnitPrice,
});
const cablingLine = (usualUnitPrice: number): BidLine => ({
  product: 'Cabling',
  eligible: true,
  ancillary: false,
  quantity: 1,
  usualUnitPrice,
});
const trainingLine = (usualUnitPrice: number, ancillary = false): BidLine => ({
  product: 'Staff training',
  eligible: false,
  ancillary,
  quantity: 1,
  usualUnitPrice,
});

const bid = (bidId: string, lines: BidLine[], bundlePrice?: number): BidReceived & { eventId: string } => ({
  bidId,
  spin: `SPIN-${bidId}`,
  receivedOn: '2024-02-20',
  lines,
  ...(bundlePrice !== undefined ? { bundlePrice } : {}),
  eventId: `evt-${bidId}`,
});

/** Three bids for the same switches: eligible cost $10,000 (A), $9,000 (B) and $9,500 (C). */
const bids = [
  bid('A', [switchLine(usd(900)), cablingLine(usd(1_000)), trainingLine(usd(5_000))]),
  bid('B', [switchLine(usd(800)), cablingLine(usd(1_000))]),
  bid('C', [switchLine(usd(850)), cablingLine(usd(1_000)), trainingLine(usd(200))]),
];
const select = (bidId: string, reason?: string) => ({
  bidId,
  eventId: 'evt-selection',
  ...(reason !== undefined ? { reason } : {}),
});

describe('bid eligible cost', () => {
  it('itemised bid: the sum of its eligible lines, quantity × unit price, ineligible lines left out ($10,000 of $15,000)', () => {
    expect(bidEligibleCost(bids[0]!)).toBe(usd(10_000));
  });
  it('single bundle price whose only ineligible part is ancillary: the whole bundle price ($9,800)', () => {
    expect(bidEligibleCost(bid('D', [switchLine(usd(900)), trainingLine(usd(500), true)], usd(9_800)))).toBe(
      usd(9_800),
    );
  });
  it('single bundle price over eligible lines only: the whole bundle price ($8,800)', () => {
    expect(bidEligibleCost(bid('E', [switchLine(usd(900)), cablingLine(usd(1_000))], usd(8_800)))).toBe(usd(8_800));
  });
  it('single bundle price hiding an ineligible part that is not ancillary: no eligible cost can be known (null)', () => {
    expect(bidEligibleCost(bid('F', [switchLine(usd(900)), trainingLine(usd(500))], usd(9_800)))).toBeNull();
  });
});

describe('price as the most heavily weighted factor (erate.price-most-heavily-weighted)', () => {
  const factors = (...f: [string, number, boolean][]): EvaluationFactor[] =>
    f.map(([name, weightPercent, isPrice]) => ({ name, weightPercent, isPrice }));

  it('compliant: price 40% outweighs every other factor (30%, 30%): no finding', () => {
    expect(
      priceWeightRule.apply(
        {
          factors: factors(['Price', 40, true], ['Experience', 30, false], ['Support', 30, false]),
          eventId: 'evt-eval',
        },
        p,
      ),
    ).toEqual([]);
  });
  it('a factor weighing as much as price (35% = 35%) is a violation naming it', () => {
    expect(
      priceWeightRule.apply(
        {
          factors: factors(['Price', 35, true], ['Experience', 35, false], ['Support', 30, false]),
          eventId: 'evt-eval',
        },
        p,
      ),
    ).toEqual([
      { severity: 'violation', message: 'Price weighs 35%, but Experience weighs 35%', sourceEventIds: ['evt-eval'] },
    ]);
  });
  it('every factor that outweighs price is named, in order', () => {
    expect(
      priceWeightRule.apply(
        {
          factors: factors(['Experience', 40, false], ['Price', 20, true], ['Support', 40, false]),
          eventId: 'evt-eval',
        },
        p,
      ),
    ).toEqual([
      {
        severity: 'violation',
        message: 'Price weighs 20%, but Experience weighs 40%, Support weighs 40%',
        sourceEventIds: ['evt-eval'],
      },
    ]);
  });
  it('price split over two price factors counts at its heaviest (45%): a 40% factor does not rival it', () => {
    expect(
      priceWeightRule.apply(
        {
          factors: factors(['One-time price', 15, true], ['Recurring price', 45, true], ['Experience', 40, false]),
          eventId: 'evt-eval',
        },
        p,
      ),
    ).toEqual([]);
  });
  it('an evaluation with no price factor is a violation of its own', () => {
    expect(
      priceWeightRule.apply(
        { factors: factors(['Experience', 60, false], ['Support', 40, false]), eventId: 'evt-eval' },
        p,
      ),
    ).toEqual([
      { severity: 'violation', message: 'The bid evaluation has no price factor', sourceEventIds: ['evt-eval'] },
    ]);
  });
});

describe('cost-effective selection (erate.cost-effective-selection)', () => {
  it('compliant: selecting the cheapest bid on eligible cost (B, $9,000) gives no finding, even with no reason recorded', () => {
    expect(costEffectiveSelectionRule.apply({ bids, selection: select('B') }, p)).toEqual([]);
  });
  it('compliant: a winner tied with the cheapest eligible cost gives no finding', () => {
    const tied = [...bids, bid('G', [switchLine(usd(800)), cablingLine(usd(1_000)), trainingLine(usd(9_999))])];
    expect(costEffectiveSelectionRule.apply({ bids: tied, selection: select('G') }, p)).toEqual([]);
  });
  it('a winner that is not the cheapest (C, $9,500 over B, $9,000) with no reason recorded is a violation naming both bids', () => {
    expect(costEffectiveSelectionRule.apply({ bids, selection: select('C') }, p)).toEqual([
      {
        severity: 'violation',
        message: 'Bid C ($9,500.00 eligible) was selected over bid B ($9,000.00 eligible) with no reason recorded',
        sourceEventIds: ['evt-selection', 'evt-C', 'evt-B'],
      },
    ]);
  });
  it('a winner that is not the cheapest with a documented reason gives no finding', () => {
    expect(
      costEffectiveSelectionRule.apply({ bids, selection: select('A', 'B cannot deliver before July 1') }, p),
    ).toEqual([]);
  });
  it('ineligible lines do not make a bid dearer: A at $15,000 in all but $10,000 eligible is compared on $10,000', () => {
    const onlyAandC = [bids[0]!, bid('H', [switchLine(usd(1_050)), cablingLine(usd(200))])];
    expect(costEffectiveSelectionRule.apply({ bids: onlyAandC, selection: select('A') }, p)).toEqual([]);
  });
  it('when two bids share the lowest cost, the finding names the first one received', () => {
    const twoCheapest = [bids[0]!, bids[1]!, bid('B2', [switchLine(usd(800)), cablingLine(usd(1_000))])];
    expect(costEffectiveSelectionRule.apply({ bids: twoCheapest, selection: select('A') }, p)[0]?.message).toBe(
      'Bid A ($10,000.00 eligible) was selected over bid B ($9,000.00 eligible) with no reason recorded',
    );
  });
  it('a bid whose single price hides ineligible parts is never the cheapest to compare against', () => {
    const withHidden = [bids[1]!, bids[2]!, bid('F', [switchLine(usd(100)), trainingLine(usd(500))], usd(1_000))];
    expect(costEffectiveSelectionRule.apply({ bids: withHidden, selection: select('B') }, p)).toEqual([]);
  });
  it('a selection of a bid with no known eligible cost is not judged on cost', () => {
    const withHidden = [bids[1]!, bid('F', [switchLine(usd(900)), trainingLine(usd(500))], usd(20_000))];
    expect(costEffectiveSelectionRule.apply({ bids: withHidden, selection: select('F') }, p)).toEqual([]);
  });
  it('a selection naming no recorded bid is not judged on cost', () => {
    expect(costEffectiveSelectionRule.apply({ bids, selection: select('Z') }, p)).toEqual([]);
  });
});
