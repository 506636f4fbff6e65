import fc from 'fast-check';
import { usd } from '../../shared/money';
import { erate2025, erate2030 } from '../../rule-set/erate-rule-sets';
import { type StateMatchFacts, stateMatchRule } from './state-match-rule';

const p = erate2025.params;
const match = (f: Partial<StateMatchFacts>) =>
  stateMatchRule.apply(
    {
      category: 1,
      discountPercent: 70,
      statePercent: 0,
      eligibleCost: usd(100_000),
      specialConstructionCost: usd(100_000),
      ...f,
    },
    p,
  );

describe('state match on special construction (USAC "Additional Discount to Match State/Tribal Funding for Special Construction")', () => {
  it('USAC example: 70% discount + 10% state funding → 80% E-Rate (+10), the state 10%, the applicant 10%', () => {
    expect(match({ statePercent: 10 })).toEqual(
      expect.objectContaining({
        status: 'applied',
        extraPoints: 10,
        statePercentCounted: 10,
        erateShare: usd(80_000),
        stateFunding: usd(10_000),
        applicantShare: usd(10_000),
        note: null,
      }),
    );
  });

  it('USAC example: 70% + 25% state funding → a 5-point match (70 + 25 + 5 = 100), the applicant pays nothing', () => {
    const r = match({ statePercent: 25 });
    expect(r).toEqual(
      expect.objectContaining({
        extraPoints: 5,
        statePercentCounted: 25,
        erateShare: usd(75_000),
        stateFunding: usd(25_000),
        applicantShare: 0,
      }),
    );
    expect(r.note).toEqual({
      severity: 'info',
      message:
        "70% discount + 25% state funding: the match is 5 points and the state's counted share 25%, so discount, state funding and match stay within 100%",
    });
  });

  it('state funding beyond what the discount leaves counts only up to 100%, with no match', () => {
    expect(match({ statePercent: 35 })).toEqual(
      expect.objectContaining({
        extraPoints: 0,
        statePercentCounted: 30,
        erateShare: usd(70_000),
        stateFunding: usd(30_000),
        applicantShare: 0,
      }),
    );
  });

  it('boundary: 80% + 10% reaches 100% exactly with the full ten points and no note; 81% + 10% gets nine', () => {
    expect(match({ discountPercent: 80, statePercent: 10 })).toEqual(
      expect.objectContaining({ extraPoints: 10, statePercentCounted: 10, applicantShare: 0, note: null }),
    );
    expect(match({ discountPercent: 81, statePercent: 10 })).toEqual(
      expect.objectContaining({
        extraPoints: 9,
        statePercentCounted: 10,
        applicantShare: 0,
        note: expect.objectContaining({ severity: 'info' }),
      }),
    );
  });

  it('at most ten extra points: 50% + 15% state → +10 (60% E-Rate), the state 15%, the applicant 25%', () => {
    expect(match({ discountPercent: 50, statePercent: 15 })).toEqual(
      expect.objectContaining({
        extraPoints: 10,
        statePercentCounted: 15,
        erateShare: usd(60_000),
        stateFunding: usd(15_000),
        applicantShare: usd(25_000),
        note: null,
      }),
    );
  });

  it('the match raises the discount on special construction lines only', () => {
    // $100,000 eligible, $40,000 of it special construction: 70% of all + 10 points of $40,000; the state pays 10% of
    // $40,000.
    expect(match({ statePercent: 10, specialConstructionCost: usd(40_000) })).toEqual(
      expect.objectContaining({ erateShare: usd(74_000), stateFunding: usd(4_000), applicantShare: usd(22_000) }),
    );
  });

  it('on a Category 2 request the match adds nothing, and the note says why', () => {
    const r = match({ category: 2, statePercent: 10 });
    expect(r).toEqual(
      expect.objectContaining({
        status: 'category-2',
        extraPoints: 0,
        statePercentCounted: 0,
        erateShare: usd(70_000),
        stateFunding: 0,
        applicantShare: usd(30_000),
      }),
    );
    expect(r.note).toEqual({
      severity: 'warning',
      message: expect.stringContaining('only to Category 1 special construction, and this is a Category 2 request'),
    });
  });

  it('on a request with no special construction line the match adds nothing, and the note says why', () => {
    const r = match({ statePercent: 10, specialConstructionCost: 0 });
    expect(r).toEqual(
      expect.objectContaining({
        status: 'no-special-construction',
        extraPoints: 0,
        erateShare: usd(70_000),
        stateFunding: 0,
      }),
    );
    expect(r.note?.message).toContain('no line of this request is special construction');
  });

  it('no state funding: no match and nothing to say (compliant)', () => {
    expect(match({ statePercent: 0 })).toEqual(
      expect.objectContaining({
        status: 'none',
        extraPoints: 0,
        erateShare: usd(70_000),
        stateFunding: 0,
        applicantShare: usd(30_000),
        note: null,
      }),
    );
    expect(match({ category: 2, statePercent: 0, specialConstructionCost: 0 }).status).toBe('none');
  });

  it('rounds the E-Rate share once, half up to the cent', () => {
    expect(match({ discountPercent: 85, eligibleCost: 101, specialConstructionCost: 0 })).toEqual(
      expect.objectContaining({ erateShare: 86, applicantShare: 15 }),
    );
  });

  it('property: E-Rate share, state funding and applicant share always add up to the eligible cost, none negative, within the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 900_000_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.constantFrom(20, 25, 40, 50, 60, 70, 80, 83, 85, 90),
        fc.integer({ min: 0, max: 100 }),
        fc.constantFrom<1 | 2>(1, 2),
        fc.constantFrom(p, erate2030.params),
        (eligibleCost, scShare, discountPercent, statePercent, category, params) => {
          const specialConstructionCost = Math.floor((eligibleCost * scShare) / 10_000);
          const r = stateMatchRule.apply(
            { category, discountPercent, statePercent, eligibleCost, specialConstructionCost },
            params,
          );
          expect(r.erateShare + r.stateFunding + r.applicantShare).toBe(eligibleCost);
          expect(Math.min(r.erateShare, r.stateFunding, r.applicantShare)).toBeGreaterThanOrEqual(0);
          expect(discountPercent + r.extraPoints + r.statePercentCounted).toBeLessThanOrEqual(
            params.stateMatch.maxTotalPercent,
          );
          expect(r.extraPoints).toBeLessThanOrEqual(params.stateMatch.maxExtraPoints);
          if (category === 2) expect(r.extraPoints + r.stateFunding).toBe(0);
        },
      ),
    );
  });
});
