import { type Cents, sum } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { type ApplicantState } from '../../applicant/state';
import { type ErateParams } from './erate-params';

export interface CategoryTwoBudgetFacts {
  applicant: ApplicantState;
  /** Registered members of a consortium; their budgets add up. */
  members: readonly ApplicantState[];
}

export interface CategoryTwoBudget {
  budget: Cents;
  /** How it was found, e.g. `1,200 students × $167.00`. */
  basis: string;
  cycle: { firstFundingYear: number; lastFundingYear: number };
}

const isLibrary = (a: ApplicantState): boolean => a.kind === 'library' || a.kind === 'library-system';

function entityBudget(a: ApplicantState, p: ErateParams): { budget: Cents; basis: string } {
  const b = p.categoryTwoBudget;
  if (b.basis === 'unsupported') return { budget: 0, basis: b.reason };
  const raw = isLibrary(a) ? (a.librarySquareFeet ?? 0) * b.perLibrarySquareFoot : a.students * b.perStudent;
  const basis = isLibrary(a) ? `${a.librarySquareFeet ?? 0} sq ft × ${b.perLibrarySquareFoot} cents` : `${a.students} students × ${b.perStudent} cents`;
  return raw >= b.floor ? { budget: raw, basis } : { budget: b.floor, basis: `${basis} is below the ${b.floor} cents floor` };
}

/** Five-year Category 2 budget, pre-discount: per student (libraries per square foot) with a per-entity floor; a consortium's is its members' sum. */
export const categoryTwoBudgetRule: Rule<CategoryTwoBudgetFacts, CategoryTwoBudget, ErateParams> = {
  id: 'erate.category-two-budget',
  citation: '47 CFR § 54.502(b)(3); FCC 19-117 ¶¶ 13–18 (FY2021–2025); FCC 14-99 ¶ 112 (FY2015–2020)',
  apply: (facts, p) => {
    const entities = facts.applicant.kind === 'consortium' ? facts.members.map((m) => entityBudget(m, p)) : [entityBudget(facts.applicant, p)];
    const cycle = { firstFundingYear: p.categoryTwoBudget.cycleStartFundingYear, lastFundingYear: p.categoryTwoBudget.cycleStartFundingYear + p.categoryTwoBudget.cycleYears - 1 };
    return { budget: sum(entities.map((e) => e.budget)), basis: entities.map((e) => e.basis).join('; '), cycle };
  },
};
