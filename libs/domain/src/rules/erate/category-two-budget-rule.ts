import { assertNever } from '../../shared/errors';
import { type Cents, formatUsd, sum } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { type ApplicantDirectory } from '../../applicant/directory';
import { type ApplicantState } from '../../applicant/state';
import { ERATE_SOURCES, cfr } from '../../rule-set/erate-sources';
import { type DistrictWideCategoryTwoBudget, type ErateParams } from '../../rule-set/erate-params';

export interface CategoryTwoBudgetFacts {
  /** The applicant whose budget it is: a district, library system, or independent school or library. */
  holder: string;
  directory: ApplicantDirectory;
  /** The funding year of the request the budget is read for. */
  fundingYear: number;
}

export type BudgetUnit = 'students' | 'square feet';

/**
 * Where a count comes from: USAC's validations in the cycle (baseline, then any rise), or the profile when none is
 * recorded.
 */
export interface CountInEffect {
  count: number;
  source: 'validated' | 'profile';
  /** The cycle's first validated count and the funding year it was validated for. */
  baseline: { count: number; fundingYear: number; eventId: string } | null;
  /** The later validation that raised the count above the baseline, by funding year. */
  raisedIn: { fundingYear: number; eventId: string } | null;
  sourceEventIds: string[];
}

/** One school or library outlet of the budget. */
export interface BudgetEntity {
  applicant: string;
  unit: BudgetUnit;
  count: CountInEffect;
  perUnit: Cents;
  /** count × per-unit amount. */
  amount: Cents;
  floor: Cents;
  tribal: boolean;
  /** The greater of `amount` and `floor`: this entity's part of a hybrid budget. */
  greater: Cents;
}

export type BudgetOption = 'per-unit' | 'floor' | 'hybrid';

export interface CategoryTwoBudget {
  supported: true;
  holder: string;
  /** A district by its schools, a library system by its outlets, or one school or library on its own. */
  scope: 'district' | 'library-system' | 'single';
  budget: Cents;
  option: BudgetOption;
  /** Each option's figure; `hybrid` is null where the hybrid is not open (more than `hybridMaxEntities`). */
  options: { perUnit: Cents; floor: Cents; hybrid: Cents | null };
  unit: BudgetUnit;
  /** The count the per-unit option multiplies: the holder's validated count, else its entities' sum. */
  totalCount: CountInEffect;
  /** The child entities: the schools or outlets whose count is above zero; the floor and the hybrid are theirs. */
  entities: BudgetEntity[];
  /** A district's schools with no students, a system's outlets with no square feet: not child entities, no floor. */
  notChildEntities: BudgetEntity[];
  /** How it was found, in words. */
  basis: string;
  cycle: { firstFundingYear: number; lastFundingYear: number };
  sourceEventIds: string[];
}

/** A rule set whose budgets the ledger does not compute: no figure, and the reason. */
export interface UnsupportedCategoryTwoBudgetOutcome {
  supported: false;
  reason: string;
  cycle: { firstFundingYear: number; lastFundingYear: number };
}

export type CategoryTwoBudgetOutcome = CategoryTwoBudget | UnsupportedCategoryTwoBudgetOutcome;

const isLibrary = (a: ApplicantState): boolean => a.kind === 'library' || a.kind === 'library-system';
const registered = (s: ApplicantState | undefined): s is ApplicantState => s?.registered === true;

/**
 * The count a cycle's budget uses for a funding year: the first validation of the cycle is the baseline;
 * later validations up to that year may raise it, never lower it. With none recorded, the profile's count.
 */
export function countInEffect(
  a: ApplicantState,
  unit: BudgetUnit,
  cycle: CategoryTwoBudget['cycle'],
  fundingYear: number,
): CountInEffect {
  const field = unit === 'students' ? 'students' : 'squareFeet';
  const validations = (a.categoryTwoCounts ?? [])
    .filter(
      (v) =>
        v[field] !== undefined && v.fundingYear >= cycle.firstFundingYear && v.fundingYear <= cycle.lastFundingYear,
    )
    .map((v) => ({ count: v[field]!, fundingYear: v.fundingYear, eventId: v.eventId }));
  if (validations.length === 0) {
    return {
      count: unit === 'students' ? a.students : (a.librarySquareFeet ?? 0),
      source: 'profile',
      baseline: null,
      raisedIn: null,
      sourceEventIds: a.profileEventIds,
    };
  }
  const baseline = validations.reduce((first, v) => (v.fundingYear < first.fundingYear ? v : first));
  const highest = validations
    .filter((v) => v.fundingYear <= fundingYear)
    .reduce((top, v) => (v.count > top.count ? v : top), baseline);
  return {
    count: highest.count,
    source: 'validated',
    baseline,
    raisedIn: highest === baseline ? null : { fundingYear: highest.fundingYear, eventId: highest.eventId },
    sourceEventIds: [...new Set([baseline.eventId, highest.eventId])],
  };
}

function entityOf(
  stream: string,
  a: ApplicantState,
  tribalSystem: boolean,
  unit: BudgetUnit,
  b: DistrictWideCategoryTwoBudget,
  facts: CategoryTwoBudgetFacts,
): BudgetEntity {
  const cycle = cycleOf(b);
  const count = countInEffect(a, unit, cycle, facts.fundingYear);
  const perUnit = unit === 'students' ? b.perStudent : b.perLibrarySquareFoot;
  // Only libraries are recorded as Tribal (the applicant events refuse it for other kinds).
  const tribal = a.tribal === true || tribalSystem;
  const floor = tribal ? b.tribalLibraryFloor : b.floor;
  const amount = count.count * perUnit;
  return { applicant: stream, unit, count, perUnit, amount, floor, tribal, greater: Math.max(amount, floor) };
}

const cycleOf = (b: ErateParams['categoryTwoBudget']) => ({
  firstFundingYear: b.cycleStartFundingYear,
  lastFundingYear: b.cycleStartFundingYear + b.cycleYears - 1,
});

/** The greatest option; on a tie the simpler one (per unit, then floor, then hybrid). */
function optionTaken(options: CategoryTwoBudget['options']): BudgetOption {
  const hybrid = options.hybrid ?? 0;
  if (options.perUnit >= options.floor && options.perUnit >= hybrid) return 'per-unit';
  return options.floor >= hybrid ? 'floor' : 'hybrid';
}

function describeOption(
  scope: CategoryTwoBudget['scope'],
  option: BudgetOption,
  unit: BudgetUnit,
  total: number,
  rate: Cents,
  entities: BudgetEntity[],
  budget: Cents,
): string {
  const places = scope === 'library-system' ? 'outlets' : 'schools';
  switch (option) {
    case 'per-unit':
      return `${total.toLocaleString('en-US')} ${unit} × ${formatUsd(rate)} = ${formatUsd(budget)}`;
    case 'floor':
      return entities.length === 1
        ? `the ${formatUsd(budget)} floor`
        : `floors of ${entities.length} ${places} = ${formatUsd(budget)}`;
    case 'hybrid':
      return `hybrid: ${entities.map((e) => `${e.applicant} ${formatUsd(e.greater)}`).join(' + ')} = ${formatUsd(budget)}`;
    default:
      return assertNever(option);
  }
}

function describe(
  scope: CategoryTwoBudget['scope'],
  option: BudgetOption,
  unit: BudgetUnit,
  total: number,
  rate: Cents,
  entities: BudgetEntity[],
  notChildEntities: BudgetEntity[],
  budget: Cents,
): string {
  const taken = describeOption(scope, option, unit, total, rate, entities, budget);
  if (notChildEntities.length === 0) return taken;
  return `${taken}; ${notChildEntities.map((e) => e.applicant).join(', ')} with no ${unit}: ${notChildEntities.length === 1 ? 'not a child entity' : 'not child entities'}, no floor and no hybrid part (${ERATE_SOURCES.c2BudgetTool})`;
}

/**
 * The five-year pre-discount Category 2 budget (FCC 19-117): a district's is the greater of the
 * per-student amount for all its students and the floor times its schools; a district of at most
 * `hybridMaxEntities` schools may take the hybrid (each school's greater of the two, summed), and the
 * greatest option applies. A library system likewise by square feet and outlets (Tribal outlets at the
 * Tribal floor); an independent school or library, the greater of its own amount and its floor. Floors
 * and the hybrid count only child entities: schools with students, outlets with square feet (USAC
 * Category Two Budget Tool glossary).
 */
export const categoryTwoBudgetRule: Rule<CategoryTwoBudgetFacts, CategoryTwoBudgetOutcome, ErateParams> = {
  id: 'erate.category-two-budget',
  citation: `${ERATE_SOURCES.categoryTwoOrder} ¶¶ 13–18; ${ERATE_SOURCES.categoryTwoBudgetPage}; ${ERATE_SOURCES.c2BudgetTool}; ${cfr('54.502(b)(3)')}; ${ERATE_SOURCES.tribalOrder}`,
  apply: (facts, p) => {
    const b = p.categoryTwoBudget;
    const cycle = cycleOf(b);
    if (b.basis === 'unsupported') return { supported: false, reason: b.reason, cycle };
    const holder = facts.directory.get(facts.holder);
    const a = registered(holder) ? holder : undefined;
    const unit: BudgetUnit = a && isLibrary(a) ? 'square feet' : 'students';
    const members =
      a?.kind === 'school-district'
        ? facts.directory.schoolsOf(facts.holder)
        : a?.kind === 'library-system'
          ? a.memberApplicantIds
          : [];
    const parts = members.flatMap((m) => {
      const s = facts.directory.get(m);
      return registered(s) ? [[m, s] as const] : [];
    });
    const scope: CategoryTwoBudget['scope'] =
      parts.length === 0 || !a ? 'single' : a.kind === 'library-system' ? 'library-system' : 'district';
    const tribalSystem = a?.kind === 'library-system' && a.tribal === true;
    const all = !a
      ? []
      : scope === 'single'
        ? [entityOf(facts.holder, a, false, unit, b, facts)]
        : parts.map(([m, s]) => entityOf(m, s, tribalSystem, unit, b, facts));
    // Only a school with students or an outlet with square feet is a child entity with a floor of its own.
    const entities = scope === 'single' ? all : all.filter((e) => e.count.count > 0);
    const notChildEntities = scope === 'single' ? [] : all.filter((e) => e.count.count <= 0);
    const own = a ? countInEffect(a, unit, cycle, facts.fundingYear) : undefined;
    const totalCount: CountInEffect =
      scope !== 'single' && own?.source !== 'validated'
        ? {
            count: sum(all.map((e) => e.count.count)),
            source: all.every((e) => e.count.source === 'validated') ? 'validated' : 'profile',
            baseline: null,
            raisedIn: null,
            sourceEventIds: all.flatMap((e) => e.count.sourceEventIds),
          }
        : (own ?? { count: 0, source: 'profile', baseline: null, raisedIn: null, sourceEventIds: [] });
    const rate = unit === 'students' ? b.perStudent : b.perLibrarySquareFoot;
    const perUnit = totalCount.count * rate;
    const floor = sum(entities.map((e) => e.floor));
    const hybrid =
      scope !== 'single' && entities.length <= b.hybridMaxEntities ? sum(entities.map((e) => e.greater)) : null;
    const options = { perUnit, floor, hybrid };
    const option = optionTaken(options);
    const budget = Math.max(perUnit, floor, hybrid ?? 0);
    return {
      supported: true,
      holder: facts.holder,
      scope,
      budget,
      option,
      options,
      unit,
      totalCount,
      entities,
      notChildEntities,
      basis: describe(scope, option, unit, totalCount.count, rate, entities, notChildEntities, budget),
      cycle,
      sourceEventIds: [
        ...new Set([
          ...(a?.profileEventIds ?? []),
          ...parts.flatMap(([, s]) => s.profileEventIds),
          ...totalCount.sourceEventIds,
          ...all.flatMap((e) => e.count.sourceEventIds),
        ]),
      ],
    };
  },
};
