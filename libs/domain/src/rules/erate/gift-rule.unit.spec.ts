import { erate2025 } from '../../rule-set/erate-rule-sets';
import { type GiftByProvider, giftRule } from './gift-rule';

const p = erate2025.params;
let n = 0;
const gift = (value: number, givenOn = '2025-01-20', g: Partial<GiftByProvider> = {}): GiftByProvider => ({
  provider: 'provider-1',
  applicant: 'applicant-lea',
  recipient: 'Technology director',
  description: 'Lunch',
  value,
  givenOn,
  eventId: `e-${++n}`,
  ...g,
});

describe('gift rules (47 CFR § 54.503(d); USAC "Gift Rules")', () => {
  it('$20.00 an item and $50.00 in total from one source in a funding year give no finding', () => {
    expect(giftRule.apply({ gifts: [gift(2_000)] }, p)).toEqual([]);
    expect(giftRule.apply({ gifts: [gift(2_000), gift(2_000), gift(1_000)] }, p)).toEqual([]);
  });
  it('$20.01 for one item is a violation naming the gift, its date and the procurement', () => {
    const g = gift(2_001, '2025-01-20', { procurement: 'procurement-470' });
    expect(giftRule.apply({ gifts: [g] }, p)).toEqual([
      {
        severity: 'violation',
        message:
          'provider-1 gave Technology director of applicant-lea Lunch worth $20.01 on 2025-01-20, during procurement-470: more than $20.00 an item',
        sourceEventIds: [g.eventId],
      },
    ]);
  });
  it('outside any procurement the finding names no procurement: the limits hold all year', () => {
    const g = gift(2_500, '2025-03-01', { description: 'Concert tickets' });
    expect(giftRule.apply({ gifts: [g] }, p).map((b) => b.message)).toEqual([
      'provider-1 gave Technology director of applicant-lea Concert tickets worth $25.00 on 2025-03-01: more than $20.00 an item',
    ]);
  });
  it('$50.01 from one source to one person in a funding year is a violation citing every gift of it', () => {
    const gifts = [gift(2_000, '2024-07-01'), gift(2_000, '2025-01-20'), gift(1_001, '2025-06-30')];
    expect(giftRule.apply({ gifts }, p)).toEqual([
      {
        severity: 'violation',
        message:
          'provider-1 gave Technology director of applicant-lea gifts worth $50.01 in FY2024 (2024-07-01 Lunch $20.00; 2025-01-20 Lunch $20.00; 2025-06-30 Lunch $10.01): more than $50.00 from one source in a funding year',
        sourceEventIds: gifts.map((g) => g.eventId),
      },
    ]);
  });
  it('gifts in different funding years, to different people, or from different providers are not added together', () => {
    expect(
      giftRule.apply(
        {
          gifts: [
            gift(2_000, '2025-06-30'),
            gift(2_000, '2025-06-30'),
            gift(2_000, '2025-07-01'),
            gift(2_000, '2025-07-01'),
          ],
        },
        p,
      ),
    ).toEqual([]);
    expect(
      giftRule.apply(
        { gifts: [gift(2_000), gift(2_000), gift(2_000, '2025-01-20', { recipient: 'Superintendent' })] },
        p,
      ),
    ).toEqual([]);
    expect(
      giftRule.apply({ gifts: [gift(2_000), gift(2_000), gift(2_000, '2025-01-20', { provider: 'provider-2' })] }, p),
    ).toEqual([]);
    expect(
      giftRule.apply(
        { gifts: [gift(2_000), gift(2_000), gift(2_000, '2025-01-20', { applicant: 'applicant-other' })] },
        p,
      ),
    ).toEqual([]);
  });
});
