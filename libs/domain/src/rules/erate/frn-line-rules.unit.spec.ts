import { usd } from '../../shared/money';
import { type FrnLineState } from '../../funding-request/state';
import { type BidLine, type BidReceived } from '../../procurement/events';
import { erate2025 } from '../../rule-set/erate-rule-sets';
import { ineligibleIdentificationRule, inflatedEligibleCostRule } from './frn-line-rules';

const p = erate2025.params;

describe('ineligible components identified (erate.ineligible-identification)', () => {
  const item = (label: string, eligible: boolean, known: { product?: string; model?: string; location?: string }) => ({
    label,
    eligible,
    ...known,
    sourceEventIds: [`evt-${label}`],
  });

  it('compliant: an eligible item needs no identification, even with none recorded', () => {
    expect(ineligibleIdentificationRule.apply({ items: [item('switch', true, {})] }, p)).toEqual([]);
  });
  it('compliant: an ineligible item with product, model and location gives no finding', () => {
    expect(
      ineligibleIdentificationRule.apply(
        { items: [item('projector', false, { product: 'Projector', model: 'PX-9', location: 'Room 12' })] },
        p,
      ),
    ).toEqual([]);
  });
  it('an ineligible item is flagged naming exactly what it lacks (model, location)', () => {
    expect(
      ineligibleIdentificationRule.apply(
        { items: [item('switch', true, {}), item('projector', false, { product: 'Projector' })] },
        p,
      ),
    ).toEqual([
      {
        severity: 'violation',
        message: 'Ineligible projector lacks model, location',
        sourceEventIds: ['evt-projector'],
      },
    ]);
  });
  it('an ineligible item with nothing recorded lacks product, model and location', () => {
    expect(ineligibleIdentificationRule.apply({ items: [item('tablet', false, {})] }, p)[0]?.message).toBe(
      'Ineligible tablet lacks product, model, location',
    );
  });
});

describe('eligible costs not inflated (erate.inflated-eligible-cost)', () => {
  const frnLine = (
    lineId: string,
    product: string,
    usualUnitPrice: number,
    extra: Partial<FrnLineState> = {},
  ): FrnLineState => ({
    lineId,
    product,
    eligible: true,
    ancillary: false,
    specificallyRequested: true,
    quantity: 10,
    usualUnitPrice,
    sourceEventIds: [`evt-${lineId}`],
    lastSetBy: `evt-${lineId}`,
    ...extra,
  });
  const bidLine = (product: string, usualUnitPrice: number, model?: string): BidLine => ({
    product,
    eligible: true,
    ancillary: false,
    quantity: 10,
    usualUnitPrice,
    ...(model !== undefined ? { model } : {}),
  });
  const bid = (bidId: string, lines: BidLine[]): BidReceived & { eventId: string } => ({
    bidId,
    spin: 'SPIN-1',
    receivedOn: '2024-02-20',
    lines,
    eventId: `evt-${bidId}`,
  });

  it('compliant: an eligible line at the bid unit price ($500 = $500) gives no finding', () => {
    expect(
      inflatedEligibleCostRule.apply(
        { lines: [frnLine('L1', 'Switch', usd(500))], bids: [bid('B1', [bidLine('Switch', usd(500))])] },
        p,
      ),
    ).toEqual([]);
  });
  it('an eligible line priced above the bid ($550 over $500) is flagged, naming the line, the bid and both prices', () => {
    expect(
      inflatedEligibleCostRule.apply(
        {
          lines: [frnLine('L1', 'Switch', usd(550))],
          bids: [bid('B1', [bidLine('Router', usd(900)), bidLine('Switch', usd(500))])],
        },
        p,
      ),
    ).toEqual([
      {
        severity: 'violation',
        message: 'Line L1 (Switch) requests $550.00 a unit; bid B1 priced it at $500.00',
        sourceEventIds: ['evt-L1', 'evt-B1'],
      },
    ]);
  });
  it('an ineligible line priced above the bid is not an inflated eligible cost (its cost comes out anyway)', () => {
    expect(
      inflatedEligibleCostRule.apply(
        {
          lines: [frnLine('L2', 'Training', usd(900), { eligible: false })],
          bids: [bid('B1', [bidLine('Training', usd(500))])],
        },
        p,
      ),
    ).toEqual([]);
  });
  it("only the first bid that prices the product under the line's $550 is named (B2 at $500, not B3 at $400), once per line", () => {
    const r = inflatedEligibleCostRule.apply(
      {
        lines: [frnLine('L1', 'Switch', usd(550))],
        bids: [
          bid('B1', [bidLine('Switch', usd(600))]),
          bid('B2', [bidLine('Switch', usd(500))]),
          bid('B3', [bidLine('Switch', usd(400))]),
        ],
      },
      p,
    );
    expect(r.map((b) => b.sourceEventIds)).toEqual([['evt-L1', 'evt-B2']]);
  });
  it('a bid line for another model of the product is not compared', () => {
    expect(
      inflatedEligibleCostRule.apply(
        {
          lines: [frnLine('L1', 'Switch', usd(550), { model: 'SW-48' })],
          bids: [bid('B1', [bidLine('Switch', usd(500), 'SW-24')])],
        },
        p,
      ),
    ).toEqual([]);
  });
  it('a bid line for the same model, or with no model on either side, is compared', () => {
    const sameModel = inflatedEligibleCostRule.apply(
      {
        lines: [frnLine('L1', 'Switch', usd(550), { model: 'SW-48' })],
        bids: [bid('B1', [bidLine('Switch', usd(500), 'SW-48')])],
      },
      p,
    );
    const bidWithoutModel = inflatedEligibleCostRule.apply(
      {
        lines: [frnLine('L1', 'Switch', usd(550), { model: 'SW-48' })],
        bids: [bid('B1', [bidLine('Switch', usd(500))])],
      },
      p,
    );
    const lineWithoutModel = inflatedEligibleCostRule.apply(
      { lines: [frnLine('L1', 'Switch', usd(550))], bids: [bid('B1', [bidLine('Switch', usd(500), 'SW-48')])] },
      p,
    );
    expect([sameModel.length, bidWithoutModel.length, lineWithoutModel.length]).toEqual([1, 1, 1]);
  });
  it('each eligible line is judged on its own: only the inflated one of two is flagged', () => {
    const r = inflatedEligibleCostRule.apply(
      {
        lines: [frnLine('L1', 'Switch', usd(500)), frnLine('L3', 'Access point', usd(300))],
        bids: [bid('B1', [bidLine('Switch', usd(500)), bidLine('Access point', usd(250))])],
      },
      p,
    );
    expect(r.map((b) => b.message)).toEqual([
      'Line L3 (Access point) requests $300.00 a unit; bid B1 priced it at $250.00',
    ]);
  });
});
