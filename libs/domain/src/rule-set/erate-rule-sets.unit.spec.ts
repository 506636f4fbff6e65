import {
  builtInErateRuleSets,
  erate2025,
  erate2030,
  erateFsa2015,
  fundingYearOn,
  ruleSetForDate,
  ruleSetForFundingYear,
} from './erate-rule-sets';

describe('choosing the E-Rate rule set', () => {
  it('a funding year runs from July 1 to June 30: June 30, 2026 is FY2025, July 1, 2026 is FY2026', () => {
    expect(fundingYearOn('2026-06-30')).toBe(2025);
    expect(fundingYearOn('2026-07-01')).toBe(2026);
    expect(fundingYearOn('2026-12-31')).toBe(2026);
  });
  it('each built-in set covers its funding years, boundaries included', () => {
    expect(ruleSetForFundingYear(builtInErateRuleSets, 2015)?.id).toBe('erate-fsa-2015');
    expect(ruleSetForFundingYear(builtInErateRuleSets, 2020)?.id).toBe('erate-fsa-2015');
    expect(ruleSetForFundingYear(builtInErateRuleSets, 2021)?.id).toBe('erate-2025');
    expect(ruleSetForFundingYear(builtInErateRuleSets, 2025)?.id).toBe('erate-2025');
    expect(ruleSetForFundingYear(builtInErateRuleSets, 2026)?.id).toBe('erate-2030');
    expect(ruleSetForFundingYear(builtInErateRuleSets, 2030)?.id).toBe('erate-2030');
  });
  it('no built-in set covers FY2014 or FY2031', () => {
    expect(ruleSetForFundingYear(builtInErateRuleSets, 2014)).toBeUndefined();
    expect(ruleSetForFundingYear(builtInErateRuleSets, 2031)).toBeUndefined();
  });
  it("by date: the set for the date's funding year, the newest past the last, the earliest before the first", () => {
    expect(ruleSetForDate(builtInErateRuleSets, '2021-06-30')?.id).toBe('erate-fsa-2015');
    expect(ruleSetForDate(builtInErateRuleSets, '2021-07-01')?.id).toBe('erate-2025');
    expect(ruleSetForDate(builtInErateRuleSets, '2032-01-01')?.id).toBe('erate-2030');
    expect(ruleSetForDate(builtInErateRuleSets, '2010-01-01')?.id).toBe('erate-fsa-2015');
  });
  it('by date, whatever order the sets come in', () => {
    const shuffled = [erate2030, erateFsa2015, erate2025];
    expect(ruleSetForDate(shuffled, '2010-01-01')?.id).toBe('erate-fsa-2015');
    expect(ruleSetForDate([erate2025, erate2030], '2032-01-01')?.id).toBe('erate-2030');
    expect(ruleSetForDate([erate2030, erateFsa2015], '2022-01-01')?.id).toBe('erate-fsa-2015');
    expect(ruleSetForDate([], '2022-01-01')).toBeUndefined();
  });
  it('the built-ins keep their dates in force: July 1 of their first funding year to July 1 after their last', () => {
    expect([erateFsa2015, erate2025, erate2030].map((s) => [s.effectiveFrom, s.effectiveTo ?? null])).toEqual([
      ['2015-07-01', '2021-07-01'],
      ['2021-07-01', '2026-07-01'],
      ['2026-07-01', null],
    ]);
  });
});
