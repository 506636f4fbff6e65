import fc from 'fast-check';
import { applicantDirectory, applicantDirectoryOf } from '../../applicant/directory';
import { type ApplicantProfile } from '../../applicant/events';
import { type ApplicantState, initialApplicantState } from '../../applicant/state';
import { usd } from '../../shared/money';
import { applicantRegistered, erateScenario } from '../../../testing/erate-fixtures';
import { fact, type Scenario } from '../../../testing/scenario';
import {
  type CategoryTwoBudget,
  type CategoryTwoBudgetOutcome,
  categoryTwoBudgetRule,
} from './category-two-budget-rule';
import { type ErateParams } from '../../rule-set/erate-params';
import { erate2025, erate2030, erateFsa2015 } from '../../rule-set/erate-rule-sets';

const p = erate2025.params;
const supported = (o: CategoryTwoBudgetOutcome): CategoryTwoBudget => {
  if (!o.supported) throw new Error(`unsupported: ${o.reason}`);
  return o;
};
const budgetOf = (s: Scenario, holder: string, fundingYear = 2021, params: ErateParams = p) =>
  supported(categoryTwoBudgetRule.apply({ holder, directory: applicantDirectory(s.facts), fundingYear }, params));
const single = (a: Partial<ApplicantState>, params: ErateParams = p, fundingYear = 2021) =>
  supported(
    categoryTwoBudgetRule.apply(
      {
        holder: 'applicant-x',
        directory: applicantDirectoryOf(
          new Map([['applicant-x', { ...initialApplicantState, registered: true, ...a }]]),
        ),
        fundingYear,
      },
      params,
    ),
  );
const school = (stream: string, students: number, profile: Partial<ApplicantProfile> = {}) =>
  applicantRegistered(stream, {
    kind: 'school',
    district: 'applicant-d',
    students,
    nslpEligibleStudents: 0,
    ...profile,
  });
const districtOf = (...students: number[]) =>
  erateScenario().given(
    applicantRegistered('applicant-d', { students: 0, nslpEligibleStudents: 0 }),
    ...students.map((n, i) => school(`applicant-s${i + 1}`, n)),
  );

describe('district-wide Category 2 budgets (FCC 19-117; USAC "Category Two Budgets")', () => {
  describe('golden: E-Rate Central, Category 2 Budgets (FY2021–2025 hybrid examples), districts of four schools', () => {
    it('District 1 (529, 576, 247 and 371 students): $167 × 1,723 students = $287,741.00, the per-student option', () => {
      // The four counts as relayed sum to 1,723 students (the relayed total of 1,732 and $289,244 does not
      // match them; the source could not be opened here to say which figure is a typo). Exact arithmetic:
      // 1,723 × $167 = $287,741; 4 × $25,000 = $100,000; every school is at or over 150 students, so the
      // hybrid equals the per-student amount and the simpler option is named.
      const b = budgetOf(districtOf(529, 576, 247, 371), 'applicant-d');
      expect(b).toEqual(
        expect.objectContaining({
          scope: 'district',
          unit: 'students',
          budget: usd(287_741),
          option: 'per-unit',
          options: { perUnit: usd(287_741), floor: usd(100_000), hybrid: usd(287_741) },
        }),
      );
      expect(b.totalCount).toEqual(expect.objectContaining({ count: 1_723, source: 'profile' }));
      expect(b.entities.map((e) => [e.applicant, e.count.count, e.amount, e.floor, e.greater])).toEqual([
        ['applicant-s1', 529, usd(88_343), usd(25_000), usd(88_343)],
        ['applicant-s2', 576, usd(96_192), usd(25_000), usd(96_192)],
        ['applicant-s3', 247, usd(41_249), usd(25_000), usd(41_249)],
        ['applicant-s4', 371, usd(61_957), usd(25_000), usd(61_957)],
      ]);
      expect(b.basis).toBe('1,723 students × $167.00 = $287,741.00');
    });

    it('four schools each under 150 students (100, 120, 90, 140): 4 × $25,000 = $100,000, not 450 × $167 = $75,150', () => {
      const b = budgetOf(districtOf(100, 120, 90, 140), 'applicant-d');
      expect(b).toEqual(
        expect.objectContaining({
          budget: usd(100_000),
          option: 'floor',
          options: { perUnit: usd(75_150), floor: usd(100_000), hybrid: usd(100_000) },
        }),
      );
      expect(b.basis).toBe('floors of 4 schools = $100,000.00');
    });

    it('a mixed district (529, 576, 100 and 50 students): the hybrid $88,343 + $96,192 + $25,000 + $25,000 = $234,535 beats 1,255 × $167 = $209,585', () => {
      const b = budgetOf(districtOf(529, 576, 100, 50), 'applicant-d');
      expect(b).toEqual(
        expect.objectContaining({
          budget: usd(234_535),
          option: 'hybrid',
          options: { perUnit: usd(209_585), floor: usd(100_000), hybrid: usd(234_535) },
        }),
      );
      expect(b.basis).toBe(
        'hybrid: applicant-s1 $88,343.00 + applicant-s2 $96,192.00 + applicant-s3 $25,000.00 + applicant-s4 $25,000.00 = $234,535.00',
      );
    });
  });

  it('the hybrid is open to a district of ten schools, not eleven', () => {
    const ten = budgetOf(districtOf(...Array.from({ length: 9 }, () => 10), 2_000), 'applicant-d');
    expect(ten).toEqual(expect.objectContaining({ option: 'hybrid', budget: usd(9 * 25_000 + 334_000) }));
    const eleven = budgetOf(districtOf(...Array.from({ length: 10 }, () => 10), 2_000), 'applicant-d');
    expect(eleven.options.hybrid).toBeNull();
    // 2,100 × $167 = $350,700 against 11 × $25,000 = $275,000.
    expect(eleven).toEqual(expect.objectContaining({ option: 'per-unit', budget: usd(350_700) }));
  });

  describe('only child entities count toward the floor and the hybrid: a school with students, an outlet with square feet (USAC Category Two Budget Tool glossary, "child entity count")', () => {
    it('given schools of 0, 1 and 500 students, then the 0-student school has no floor and no hybrid part, the 1-student school has both: hybrid $25,000 + $83,500 = $108,500', () => {
      const b = budgetOf(districtOf(0, 1, 500), 'applicant-d');
      // Counting the empty school would give floors of $75,000 and a hybrid of $133,500.
      expect(b).toEqual(
        expect.objectContaining({
          budget: usd(108_500),
          option: 'hybrid',
          options: { perUnit: usd(83_667), floor: usd(50_000), hybrid: usd(108_500) },
        }),
      );
      expect(b.entities.map((e) => e.applicant)).toEqual(['applicant-s2', 'applicant-s3']);
      expect(b.notChildEntities.map((e) => [e.applicant, e.count.count])).toEqual([['applicant-s1', 0]]);
      expect(b.basis).toBe(
        'hybrid: applicant-s2 $25,000.00 + applicant-s3 $83,500.00 = $108,500.00; applicant-s1 with no students: not a child entity, no floor and no hybrid part (USAC Category Two Budget Tool glossary ("child entity count"))',
      );
    });

    it('given schools of 1 and 1 students, then both are child entities with floors (compliant, none left out)', () => {
      const b = budgetOf(districtOf(1, 1), 'applicant-d');
      expect(b).toEqual(
        expect.objectContaining({
          budget: usd(50_000),
          option: 'floor',
          notChildEntities: [],
          basis: 'floors of 2 schools = $50,000.00',
        }),
      );
    });

    it('a school validated at 0 students is not a child entity even when its profile counts some', () => {
      const s = districtOf(100, 100);
      s.record(fact('applicant-s2', 'CategoryTwoCountValidated', { fundingYear: 2021, students: 0 }));
      expect(budgetOf(s, 'applicant-d')).toEqual(
        expect.objectContaining({
          budget: usd(25_000),
          options: { perUnit: usd(16_700), floor: usd(25_000), hybrid: usd(25_000) },
        }),
      );
    });

    it('eleven schools of which one has no students: ten child entities, so the hybrid is open', () => {
      const b = budgetOf(districtOf(0, ...Array.from({ length: 9 }, () => 10), 2_000), 'applicant-d');
      expect(b).toEqual(
        expect.objectContaining({
          option: 'hybrid',
          budget: usd(9 * 25_000 + 334_000),
          options: expect.objectContaining({ floor: usd(250_000) }),
        }),
      );
    });

    it('a library system’s outlet of 0 sq ft has no floor; several are listed together', () => {
      const s = erateScenario().given(
        applicantRegistered('applicant-o1', { kind: 'library', librarySquareFeet: 0 }),
        applicantRegistered('applicant-o2', { kind: 'library' }),
        applicantRegistered('applicant-o3', { kind: 'library', librarySquareFeet: 1 }),
        applicantRegistered('applicant-sys', {
          kind: 'library-system',
          memberApplicantIds: ['applicant-o1', 'applicant-o2', 'applicant-o3'],
        }),
      );
      const b = budgetOf(s, 'applicant-sys');
      expect(b).toEqual(
        expect.objectContaining({
          budget: usd(25_000),
          option: 'floor',
          options: { perUnit: 450, floor: usd(25_000), hybrid: usd(25_000) },
        }),
      );
      expect(b.basis).toBe(
        'the $25,000.00 floor; applicant-o1, applicant-o2 with no square feet: not child entities, no floor and no hybrid part (USAC Category Two Budget Tool glossary ("child entity count"))',
      );
    });

    it('an independent school is budgeted on its own as before: the floor is its own', () => {
      expect(single({ kind: 'school', students: 0 })).toEqual(
        expect.objectContaining({ budget: usd(25_000), notChildEntities: [] }),
      );
    });
  });

  it('a district that lists no registered school is budgeted on its own count', () => {
    const s = erateScenario().given(applicantRegistered('applicant-d', { students: 1_000 }));
    expect(budgetOf(s, 'applicant-d')).toEqual(
      expect.objectContaining({
        scope: 'single',
        budget: usd(167_000),
        options: { perUnit: usd(167_000), floor: usd(25_000), hybrid: null },
      }),
    );
  });

  describe('independent schools and libraries: the greater of their own amount and the floor (USAC examples)', () => {
    it('149 students: $24,883 is below the floor, so $25,000; 150 students: $25,050', () => {
      expect(single({ kind: 'school', students: 149 })).toEqual(
        expect.objectContaining({ budget: usd(25_000), option: 'floor', basis: 'the $25,000.00 floor' }),
      );
      expect(single({ kind: 'school', students: 150 })).toEqual(
        expect.objectContaining({ budget: usd(25_050), option: 'per-unit' }),
      );
    });

    it('a library of 5,555 sq ft ($24,997.50) takes the floor; 5,556 sq ft makes $25,002', () => {
      expect(single({ kind: 'library', librarySquareFeet: 5_555 })).toEqual(
        expect.objectContaining({
          unit: 'square feet',
          budget: usd(25_000),
          options: { perUnit: 2_499_750, floor: usd(25_000), hybrid: null },
        }),
      );
      expect(single({ kind: 'library', librarySquareFeet: 5_556 }).budget).toBe(usd(25_002));
    });

    it('a Tribal library takes the $55,000 Tribal library floor (FCC 2023 Tribal Order, DA 23-56); the same library not Tribal, $25,000', () => {
      expect(single({ kind: 'library', librarySquareFeet: 5_000, tribal: true })).toEqual(
        expect.objectContaining({
          budget: usd(55_000),
          entities: [expect.objectContaining({ tribal: true, floor: usd(55_000) })],
        }),
      );
      expect(single({ kind: 'library', librarySquareFeet: 5_000 }).budget).toBe(usd(25_000));
      expect(single({ kind: 'library', librarySquareFeet: 20_000, tribal: true }).budget).toBe(usd(90_000));
    });
  });

  it('a library system: square feet and outlets, Tribal outlets at the Tribal floor', () => {
    const s = erateScenario().given(
      applicantRegistered('applicant-o1', { kind: 'library', librarySquareFeet: 2_000, tribal: true }),
      applicantRegistered('applicant-o2', { kind: 'library', librarySquareFeet: 8_000 }),
      applicantRegistered('applicant-sys', {
        kind: 'library-system',
        memberApplicantIds: ['applicant-o1', 'applicant-o2'],
      }),
    );
    // Per sq ft: 10,000 × $4.50 = $45,000; floors: $55,000 + $25,000 = $80,000; hybrid: $55,000 + $36,000 = $91,000.
    expect(budgetOf(s, 'applicant-sys')).toEqual(
      expect.objectContaining({
        scope: 'library-system',
        unit: 'square feet',
        budget: usd(91_000),
        option: 'hybrid',
        options: { perUnit: usd(45_000), floor: usd(80_000), hybrid: usd(91_000) },
      }),
    );
  });

  it('a Tribal library system gives every outlet the Tribal floor', () => {
    const s = erateScenario().given(
      applicantRegistered('applicant-o1', { kind: 'library', librarySquareFeet: 1_000 }),
      applicantRegistered('applicant-sys', {
        kind: 'library-system',
        tribal: true,
        memberApplicantIds: ['applicant-o1'],
      }),
    );
    expect(budgetOf(s, 'applicant-sys').budget).toBe(usd(55_000));
  });

  describe('the count is validated in the cycle’s first year, may rise, never falls', () => {
    const validated = (fundingYear: number, students: number) =>
      fact('applicant-x', 'CategoryTwoCountValidated', { fundingYear, students });
    const given = (...facts: ReturnType<typeof validated>[]) =>
      erateScenario().given(
        applicantRegistered('applicant-x', { kind: 'school', students: 500, nslpEligibleStudents: 100 }),
        ...facts,
      );

    it('FY2021 validates 1,000 students; FY2023’s 900 leaves the budget at 1,000; FY2024’s 1,200 raises it from FY2024 on', () => {
      const s = given(validated(2021, 1_000), validated(2023, 900), validated(2024, 1_200));
      const baseline = { count: 1_000, fundingYear: 2021, eventId: s.idOf('CategoryTwoCountValidated', 0) };
      expect(budgetOf(s, 'applicant-x', 2021).totalCount).toEqual({
        count: 1_000,
        source: 'validated',
        baseline,
        raisedIn: null,
        sourceEventIds: [baseline.eventId],
      });
      expect(budgetOf(s, 'applicant-x', 2023).budget).toBe(usd(167_000));
      expect(budgetOf(s, 'applicant-x', 2024)).toEqual(
        expect.objectContaining({
          budget: usd(200_400),
          totalCount: expect.objectContaining({
            count: 1_200,
            raisedIn: { fundingYear: 2024, eventId: s.idOf('CategoryTwoCountValidated') },
          }),
        }),
      );
      expect(budgetOf(s, 'applicant-x', 2025).budget).toBe(usd(200_400));
    });

    it('a validation of another cycle does not count; without one in the cycle, the profile’s count is used and said so', () => {
      const s = given(validated(2020, 5_000));
      expect(budgetOf(s, 'applicant-x', 2021)).toEqual(
        expect.objectContaining({
          budget: usd(83_500),
          totalCount: expect.objectContaining({ count: 500, source: 'profile', baseline: null }),
        }),
      );
    });

    it('the cycle’s last year counts, the next cycle’s first does not; the earliest validation is the baseline whatever the recording order', () => {
      const s = given(validated(2023, 2_000), validated(2021, 1_000), validated(2025, 3_000), validated(2026, 9_000));
      expect(budgetOf(s, 'applicant-x', 2022).totalCount).toEqual(
        expect.objectContaining({
          count: 1_000,
          baseline: expect.objectContaining({ count: 1_000, fundingYear: 2021 }),
          raisedIn: null,
        }),
      );
      expect(budgetOf(s, 'applicant-x', 2023).totalCount.count).toBe(2_000);
      expect(budgetOf(s, 'applicant-x', 2025).totalCount).toEqual(
        expect.objectContaining({
          count: 3_000,
          raisedIn: { fundingYear: 2025, eventId: s.idOf('CategoryTwoCountValidated', 2) },
        }),
      );
    });

    it('a later validation of the same count does not say it raised the count', () => {
      const s = given(validated(2021, 1_000), validated(2022, 1_000));
      expect(budgetOf(s, 'applicant-x', 2022).totalCount).toEqual(
        expect.objectContaining({
          count: 1_000,
          raisedIn: null,
          sourceEventIds: [s.idOf('CategoryTwoCountValidated', 0)],
        }),
      );
    });

    it('a district whose schools are all validated sums their validated counts', () => {
      const s = districtOf(100, 200);
      s.given(
        fact('applicant-s1', 'CategoryTwoCountValidated', { fundingYear: 2021, students: 150 }),
        fact('applicant-s2', 'CategoryTwoCountValidated', { fundingYear: 2021, students: 250 }),
      );
      expect(budgetOf(s, 'applicant-d').totalCount).toEqual(
        expect.objectContaining({ count: 400, source: 'validated' }),
      );
      s.record(
        fact('applicant-s3', 'ApplicantRegistered', {
          name: 'New school',
          kind: 'school',
          usState: 'MS',
          district: 'applicant-d',
          students: 10,
          nslpEligibleStudents: 0,
          economicallyDisadvantagedStudents: 0,
          locale: 'urban',
          cep: false,
          memberApplicantIds: [],
        }),
      );
      expect(budgetOf(s, 'applicant-d').totalCount).toEqual(expect.objectContaining({ count: 410, source: 'profile' }));
    });

    it('a square-foot validation does not set a school’s student count', () => {
      const s = erateScenario().given(
        applicantRegistered('applicant-x', { kind: 'school', students: 500, nslpEligibleStudents: 100 }),
        fact('applicant-x', 'CategoryTwoCountValidated', { fundingYear: 2021, squareFeet: 9_000 }),
      );
      expect(budgetOf(s, 'applicant-x').totalCount).toEqual(expect.objectContaining({ count: 500, source: 'profile' }));
    });

    it('a district’s own validated count sets its per-student option; its schools’ counts still make the hybrid', () => {
      const s = districtOf(100, 100);
      s.record(fact('applicant-d', 'CategoryTwoCountValidated', { fundingYear: 2021, students: 400 }));
      expect(budgetOf(s, 'applicant-d')).toEqual(
        expect.objectContaining({
          budget: usd(66_800),
          options: { perUnit: usd(66_800), floor: usd(50_000), hybrid: usd(50_000) },
        }),
      );
    });

    it('a library’s validated square feet', () => {
      const s = erateScenario().given(
        applicantRegistered('applicant-l', { kind: 'library', librarySquareFeet: 1_000 }),
        fact('applicant-l', 'CategoryTwoCountValidated', { fundingYear: 2022, squareFeet: 10_000 }),
      );
      expect(budgetOf(s, 'applicant-l', 2022).budget).toBe(usd(45_000));
    });

    it('property: within a cycle the budget never falls from one funding year to the next, and never goes below the floors', () => {
      const validation = fc.record({
        fundingYear: fc.integer({ min: 2019, max: 2027 }),
        students: fc.integer({ min: 0, max: 5_000 }),
      });
      fc.assert(
        fc.property(
          fc.array(validation, { maxLength: 6 }),
          fc.integer({ min: 0, max: 5_000 }),
          (vs, profileStudents) => {
            const a: ApplicantState = {
              ...initialApplicantState,
              registered: true,
              kind: 'school',
              students: profileStudents,
              categoryTwoCounts: vs.map((v, i) => ({ ...v, eventId: `e${i}` })),
            };
            const directory = applicantDirectoryOf(new Map([['applicant-x', a]]));
            const budgets = [2021, 2022, 2023, 2024, 2025].map((fundingYear) =>
              supported(categoryTwoBudgetRule.apply({ holder: 'applicant-x', directory, fundingYear }, p)),
            );
            budgets.forEach((b, i) => {
              expect(b.budget).toBeGreaterThanOrEqual(
                Math.max(b.options.floor, b.options.perUnit, b.options.hybrid ?? 0),
              );
              expect(b.budget).toBeGreaterThanOrEqual(
                p.categoryTwoBudget.basis === 'district-wide' ? p.categoryTwoBudget.floor : 0,
              );
              if (i > 0) expect(b.budget).toBeGreaterThanOrEqual(budgets[i - 1]!.budget);
            });
          },
        ),
      );
    });

    it('property: a district’s budget is never below the greater of its floors and its per-student amount', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: 3_000 }), { minLength: 1, maxLength: 14 }), (counts) => {
          const states = new Map<string, ApplicantState>([
            ['applicant-d', { ...initialApplicantState, registered: true }],
          ]);
          counts.forEach((n, i) =>
            states.set(`applicant-s${i}`, {
              ...initialApplicantState,
              registered: true,
              kind: 'school',
              district: 'applicant-d',
              students: n,
            }),
          );
          const b = supported(
            categoryTwoBudgetRule.apply(
              { holder: 'applicant-d', directory: applicantDirectoryOf(states), fundingYear: 2022 },
              p,
            ),
          );
          const total = counts.reduce((x, y) => x + y, 0);
          // Only schools with students are child entities with a floor (USAC Category Two Budget Tool glossary, "child
          // entity count").
          const children = counts.filter((n) => n > 0);
          expect(b.budget).toBe(
            Math.max(
              children.length * usd(25_000),
              total * usd(167),
              children.length <= 10 ? children.reduce((x, n) => x + Math.max(n * usd(167), usd(25_000)), 0) : 0,
            ),
          );
        }),
      );
    });
  });

  it('when the per-student amount equals the floor, the per-student option is named', () => {
    const b = p.categoryTwoBudget;
    if (b.basis !== 'district-wide') throw new Error('erate-2025 budgets are district-wide');
    const even: ErateParams = { ...p, categoryTwoBudget: { ...b, perStudent: usd(100) } };
    expect(single({ kind: 'school', students: 250 }, even)).toEqual(
      expect.objectContaining({
        budget: usd(25_000),
        option: 'per-unit',
        options: { perUnit: usd(25_000), floor: usd(25_000), hybrid: null },
      }),
    );
  });

  it('an unregistered holder has no entities and no budget', () => {
    const b = supported(
      categoryTwoBudgetRule.apply(
        { holder: 'applicant-x', directory: applicantDirectoryOf(new Map()), fundingYear: 2021 },
        p,
      ),
    );
    expect(b).toEqual(expect.objectContaining({ scope: 'single', budget: 0, entities: [], sourceEventIds: [] }));
  });

  it('FY2026–2030 (erate-2030): $201.57 per student, the $30,175 floor, the $66,385 Tribal library floor', () => {
    expect(single({ kind: 'school', students: 1_000 }, erate2030.params, 2026)).toEqual(
      expect.objectContaining({ budget: usd(201_570), cycle: { firstFundingYear: 2026, lastFundingYear: 2030 } }),
    );
    expect(single({ kind: 'school', students: 100 }, erate2030.params, 2026).budget).toBe(usd(30_175));
    expect(single({ kind: 'library', librarySquareFeet: 1_000, tribal: true }, erate2030.params, 2026).budget).toBe(
      usd(66_385),
    );
    expect(single({ kind: 'library', librarySquareFeet: 10_000 }, erate2030.params, 2026).budget).toBe(usd(54_300));
  });

  it('FY2015–2020: per-school, inflation-adjusted budgets are not computed: no figure, and the reason', () => {
    const outcome = categoryTwoBudgetRule.apply(
      {
        holder: 'applicant-x',
        directory: applicantDirectoryOf(
          new Map([['applicant-x', { ...initialApplicantState, registered: true, students: 1_000 }]]),
        ),
        fundingYear: 2019,
      },
      erateFsa2015.params,
    );
    expect(outcome).toEqual({
      supported: false,
      reason: expect.stringMatching(/per school .* adjusted for inflation each funding year/),
      cycle: { firstFundingYear: 2015, lastFundingYear: 2020 },
    });
  });
});
