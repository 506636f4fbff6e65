import { erate2025 } from '../../rule-set/erate-rule-sets';
import { thirtyPercentRule } from './thirty-percent-rule';

const apply = (
  ineligible: number,
  total: number,
  extra: { seriousViolation?: boolean; unseparatedBundle?: boolean } = {},
) =>
  thirtyPercentRule.apply(
    { ineligible, total, seriousViolation: false, unseparatedBundle: false, ...extra },
    erate2025.params,
  );

describe('30% rule', () => {
  it('no ineligible share: approvable', () => {
    expect(apply(0, 100_000)).toEqual({ outcome: 'approvable', ineligibleShareBasisPoints: 0 });
  });
  it('an FRN with no cost at all: approvable, with an ineligible share of 0 (not NaN)', () => {
    expect(apply(0, 0)).toEqual({ outcome: 'approvable', ineligibleShareBasisPoints: 0 });
  });
  it('29.99%: reduced by the ineligible share and processed', () => {
    expect(apply(2_999, 10_000)).toEqual({ outcome: 'reduce-by-ineligible-share', ineligibleShareBasisPoints: 2_999 });
  });
  it('a cent under 30% of an odd total is still under, and never displays as 30.00%', () => {
    expect(apply(29_999, 100_000)).toEqual({
      outcome: 'reduce-by-ineligible-share',
      ineligibleShareBasisPoints: 2_999,
    });
  });
  it('exactly 30%: denied', () => {
    expect(apply(3_000, 10_000)).toEqual({
      outcome: 'deny',
      deniedFor: 'ineligible-share',
      ineligibleShareBasisPoints: 3_000,
    });
  });
  it('a serious violation denies outright, even with nothing ineligible', () => {
    expect(apply(0, 10_000, { seriousViolation: true })).toEqual({
      outcome: 'deny',
      deniedFor: 'serious-violation',
      ineligibleShareBasisPoints: 0,
    });
  });
  it('a serious violation is not rescued by a share under 30%', () => {
    expect(apply(1_000, 10_000, { seriousViolation: true }).deniedFor).toBe('serious-violation');
  });
  it('an unseparated single-price bundle is denied whatever its share', () => {
    expect(apply(100, 10_000, { unseparatedBundle: true }).deniedFor).toBe('unseparated-bundle');
  });
  it('reads its threshold from the rule set', () => {
    const lenient = { ...erate2025.params, thirtyPercentThresholdBasisPoints: 4_000 };
    expect(
      thirtyPercentRule.apply(
        { ineligible: 3_000, total: 10_000, seriousViolation: false, unseparatedBundle: false },
        lenient,
      ).outcome,
    ).toBe('reduce-by-ineligible-share');
  });
});
