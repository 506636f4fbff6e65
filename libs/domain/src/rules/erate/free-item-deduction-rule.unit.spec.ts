import { usd } from '../../shared/money';
import { type FreeItemOffered } from '../../funding-request/events';
import { erate2025 } from '../../rule-set/erate-rule-sets';
import { freeItemDeductionRule } from './free-item-deduction-rule';

const p = erate2025.params;
const item = (
  eventId: string,
  tiedToPurchase: boolean,
  treatment: FreeItemOffered['treatment'],
): FreeItemOffered & { eventId: string } => ({
  description: 'projector',
  quantity: 2,
  fairMarketValue: usd(1_250),
  tiedToPurchase,
  treatment,
  eventId,
});

describe('free item deduction (erate.free-item-deduction, Free Services Advisory Ex. 3)', () => {
  it('compliant: a tied free item subtracted, or cost-allocated, gives no finding', () => {
    expect(
      freeItemDeductionRule.apply({ items: [item('e1', true, 'subtract'), item('e2', true, 'cost-allocate')] }, p),
    ).toEqual([]);
  });
  it('compliant: a free item not tied to the purchase needs no deduction', () => {
    expect(freeItemDeductionRule.apply({ items: [item('e3', false, 'not-deducted')] }, p)).toEqual([]);
  });
  it('a tied free item neither subtracted nor cost-allocated is a violation stating its fair market value', () => {
    expect(
      freeItemDeductionRule.apply({ items: [item('e1', true, 'subtract'), item('e4', true, 'not-deducted')] }, p),
    ).toEqual([
      {
        severity: 'violation',
        message: 'Free projector (fair market value $1,250.00) was neither subtracted nor cost-allocated',
        sourceEventIds: ['e4'],
      },
    ]);
  });
});
