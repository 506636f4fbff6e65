import { erate2025, erate2030 } from './erate-rule-sets';
import { adoptionOf, erateRuleSetOf, sameContent } from './adoption';

describe('a rule set as an adoption records it', () => {
  it('is in force from July 1 of its first funding year to July 1 after its last', () => {
    const set = erateRuleSetOf({
      ...adoptionOf(erate2030, '2030-12-01'),
      id: 'erate-2035',
      fundingYears: { first: 2031, last: 2035 },
    });
    expect([set.id, set.effectiveFrom, set.effectiveTo, set.fundingYears, set.sources, set.unconfirmed]).toEqual([
      'erate-2035',
      '2031-07-01',
      '2036-07-01',
      { first: 2031, last: 2035 },
      erate2030.sources,
      erate2030.unconfirmed,
    ]);
    expect(set.params).toBe(erate2030.params);
  });
  it('an open-ended set has no end date', () => {
    expect(
      'effectiveTo' in erateRuleSetOf({ ...adoptionOf(erate2030, '2030-12-01'), fundingYears: { first: 2031 } }),
    ).toBe(false);
  });
  it('the adoption of a built-in carries its content and the date it is recorded', () => {
    expect(adoptionOf(erate2025, '2026-12-07')).toEqual({
      id: 'erate-2025',
      description: erate2025.description,
      fundingYears: { first: 2021, last: 2025 },
      params: erate2025.params,
      sources: erate2025.sources,
      unconfirmed: erate2025.unconfirmed,
      adoptedOn: '2026-12-07',
    });
  });
});

describe('same content as a built-in', () => {
  const own = adoptionOf(erate2030, '2026-12-07');
  it('whatever the date of adoption and the order of the fields', () => {
    const reordered = JSON.parse(
      JSON.stringify({
        adoptedOn: '2031-01-01',
        unconfirmed: own.unconfirmed,
        sources: own.sources,
        params: own.params,
        fundingYears: { last: 2030, first: 2026 },
        description: own.description,
        id: own.id,
      }),
    );
    expect(sameContent(reordered, erate2030)).toBe(true);
  });
  it('not with another figure, another source order, or a supersedes', () => {
    expect(sameContent({ ...own, params: { ...own.params, allowableContractDays: 29 } }, erate2030)).toBe(false);
    expect(sameContent({ ...own, sources: [...own.sources].reverse() }, erate2030)).toBe(false);
    expect(sameContent({ ...own, supersedes: 'erate-2025' }, erate2030)).toBe(false);
    expect(sameContent(own, erate2025)).toBe(false);
  });
  it('an absent optional field equals one left undefined', () => {
    expect(sameContent({ ...own, supersedes: undefined }, erate2030)).toBe(true);
  });
});
