import { usd } from '../../shared/money';
import { type FrnLine } from '../../funding-request/events';
import { eligibleCostRule } from './eligible-cost-rule';
import { erate2025 } from '../../rule-set/erate-rule-sets';

const p = erate2025.params;

const line = (lineId: string, eligible: boolean, extra: Partial<FrnLine> = {}): FrnLine => ({
  lineId,
  product: `Product ${lineId}`,
  eligible,
  ancillary: false,
  specificallyRequested: false,
  quantity: 1,
  usualUnitPrice: 0,
  ...extra,
});
const net = [usd(5_000), usd(3_000), usd(2_000)];

describe('eligible cost (erate.eligible-cost)', () => {
  it('itemised: the ineligible line comes out, a mixed line keeps its declared 80% share: $7,400 eligible of $10,000', () => {
    const lines = [line('switches', true), line('phones', true), line('training', false)];
    expect(
      eligibleCostRule.apply({ lines, netPerLine: net, costAllocations: new Map([['phones', 8_000]]) }, p),
    ).toEqual({
      eligiblePerLine: [usd(5_000), usd(2_400), 0],
      eligible: usd(7_400),
      ineligible: usd(2_600),
      total: usd(10_000),
      ancillaryException: false,
      unseparatedBundle: false,
      unseparatedLineIds: [],
    });
  });

  it('itemised: an ancillary ineligible line still comes out; the ancillary exception is for single prices only', () => {
    const lines = [line('internet', true), line('email', false, { ancillary: true })];
    expect(
      eligibleCostRule.apply({ lines, netPerLine: [usd(9_000), usd(1_000)], costAllocations: new Map() }, p),
    ).toMatchObject({
      eligible: usd(9_000),
      ineligible: usd(1_000),
      ancillaryException: false,
      unseparatedBundle: false,
    });
  });

  it('single price, only ancillary ineligible parts not specifically requested: the full $10,000 is eligible (ancillary exception)', () => {
    const lines = [line('internet', true), line('firewall', true), line('email', false, { ancillary: true })];
    expect(
      eligibleCostRule.apply({ lines, netPerLine: net, costAllocations: new Map(), singleBundlePrice: usd(10_000) }, p),
    ).toEqual({
      eligiblePerLine: [usd(5_000), usd(3_000), usd(2_000)],
      eligible: usd(10_000),
      ineligible: 0,
      total: usd(10_000),
      ancillaryException: true,
      unseparatedBundle: false,
      unseparatedLineIds: [],
    });
  });

  it('single price with an ancillary part the applicant specifically requested: unseparated, naming that line (Ex. 4)', () => {
    const lines = [
      line('internet', true),
      line('firewall', true),
      line('email', false, { ancillary: true, specificallyRequested: true }),
    ];
    expect(
      eligibleCostRule.apply({ lines, netPerLine: net, costAllocations: new Map(), singleBundlePrice: usd(10_000) }, p),
    ).toMatchObject({
      eligiblePerLine: [usd(5_000), usd(3_000), 0],
      ancillaryException: false,
      unseparatedBundle: true,
      unseparatedLineIds: ['email'],
    });
  });

  it('single price with a non-ancillary ineligible part: unseparated, naming only that line', () => {
    const lines = [line('internet', true), line('email', false, { ancillary: true }), line('tablets', false)];
    expect(
      eligibleCostRule.apply({ lines, netPerLine: net, costAllocations: new Map(), singleBundlePrice: usd(10_000) }, p),
    ).toMatchObject({
      eligible: usd(5_000),
      ancillaryException: false,
      unseparatedBundle: true,
      unseparatedLineIds: ['tablets'],
    });
  });

  it('single price over eligible lines only: no exception needed, nothing unseparated, all $8,000 eligible', () => {
    const lines = [line('internet', true), line('firewall', true)];
    expect(
      eligibleCostRule.apply(
        { lines, netPerLine: [usd(5_000), usd(3_000)], costAllocations: new Map(), singleBundlePrice: usd(8_000) },
        p,
      ),
    ).toEqual({
      eligiblePerLine: [usd(5_000), usd(3_000)],
      eligible: usd(8_000),
      ineligible: 0,
      total: usd(8_000),
      ancillaryException: false,
      unseparatedBundle: false,
      unseparatedLineIds: [],
    });
  });
});
