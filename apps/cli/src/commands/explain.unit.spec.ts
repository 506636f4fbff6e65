import { showValue } from './explain';

describe('ledger explain shows each trace value as a program officer reads it', () => {
  it.each([
    // Counts stay numbers even when their key says "total", "eligible" or "funding".
    ['totalStudents', 1_723, '1723'],
    ['totalNslp', 1_017, '1017'],
    ['nslpEligibleStudents', 320, '320'],
    ['totalCount', 1_700, '1700'],
    ['baselineFundingYear', 2021, '2021'],
    ['extraPoints', 10, '10'],
    ['termsVersion', 2, '2'],
    // Amounts are cents, whatever their key names.
    ['stateFunding', 1_000_000, '$10,000.00'],
    ['tradeIns', 50_000, '$500.00'],
    ['perUnitOption', 28_774_100, '$287,741.00'],
    ['remainingAfterThisRequest', 100, '$1.00'],
    ['usedByOtherRequests', 2_500_000, '$25,000.00'],
    ['committed', 85_000_000, '$850,000.00'],
    ['overCommitted', 0, '$0.00'],
    ['capRoom', 12_345, '$123.45'],
    ['claimedAboveEarned', 1, '$0.01'],
    ['bundleDiscount', 5_000, '$50.00'],
    ['eligible', 8_000, '$80.00'],
    // Rates in basis points and whole percents.
    ['ineligibleShareBasisPoints', 2_950, '29.50%'],
    ['matchRate', 5_000, '50.00%'],
    ['nslpPercent', 59, '59%'],
  ])('%s %p → %s', (key, value, shown) => {
    expect(showValue(key, value)).toBe(shown);
  });

  it('non-numbers as they are', () => {
    expect(showValue('hybridOption', null)).toBe('null');
    expect(showValue('basis', 'district-wide')).toBe('district-wide');
  });
});
