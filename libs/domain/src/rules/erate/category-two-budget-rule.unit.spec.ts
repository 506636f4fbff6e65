import { type ApplicantState, initialApplicantState } from '../../applicant/state';
import { categoryTwoBudgetRule } from './category-two-budget-rule';
import { erate2025, erateFsa2015 } from './erate-rule-sets';

const a = (x: Partial<ApplicantState>): ApplicantState => ({ ...initialApplicantState, registered: true, ...x });

describe('Category 2 five-year budget', () => {
  it('FY2021–2025: $167 per student', () => {
    expect(categoryTwoBudgetRule.apply({ applicant: a({ students: 1_000 }), members: [] }, erate2025.params)).toEqual(
      expect.objectContaining({ budget: 16_700_000, cycle: { firstFundingYear: 2021, lastFundingYear: 2025 } }),
    );
  });
  it('the $25,000 floor for a small school (100 × $167 = $16,700)', () => {
    expect(categoryTwoBudgetRule.apply({ applicant: a({ kind: 'school', students: 100 }), members: [] }, erate2025.params).budget).toBe(2_500_000);
  });
  it('floor edge: 150 students make $25,050, just above the floor', () => {
    expect(categoryTwoBudgetRule.apply({ applicant: a({ students: 150 }), members: [] }, erate2025.params).budget).toBe(2_505_000);
  });
  it('libraries: $4.50 per square foot, with the same floor', () => {
    expect(categoryTwoBudgetRule.apply({ applicant: a({ kind: 'library', librarySquareFeet: 10_000 }), members: [] }, erate2025.params).budget).toBe(4_500_000);
    expect(categoryTwoBudgetRule.apply({ applicant: a({ kind: 'library', librarySquareFeet: 2_000 }), members: [] }, erate2025.params).budget).toBe(2_500_000);
  });
  it('a consortium’s budget is the sum of its members’', () => {
    const members = [a({ kind: 'school', students: 1_000 }), a({ kind: 'library', librarySquareFeet: 1_000 })];
    expect(categoryTwoBudgetRule.apply({ applicant: a({ kind: 'consortium' }), members }, erate2025.params).budget).toBe(16_700_000 + 2_500_000);
  });
  it('FY2015–2020: per-school, inflation-adjusted budgets are not computed, and the basis says why', () => {
    const outcome = categoryTwoBudgetRule.apply({ applicant: a({ students: 1_000 }), members: [] }, erateFsa2015.params);
    expect(outcome.budget).toBe(0);
    expect(outcome.basis).toMatch(/per school .* adjusted for inflation each funding year/);
  });
});
