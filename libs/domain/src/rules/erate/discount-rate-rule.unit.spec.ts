import fc from 'fast-check';
import { applicantDirectory, applicantDirectoryOf } from '../../applicant/directory';
import { type ApplicantProfile } from '../../applicant/events';
import { type ApplicantState, initialApplicantState } from '../../applicant/state';
import { applicantRegistered, erateScenario } from '../../../testing/erate-fixtures';
import { type Scenario } from '../../../testing/scenario';
import { discountRateRule } from './discount-rate-rule';
import { erate2025, erate2030 } from '../../rule-set/erate-rule-sets';

const p = erate2025.params;
const applicant = (a: Partial<ApplicantState>): ApplicantState => ({
  ...initialApplicantState,
  registered: true,
  students: 10_000,
  ...a,
});
const rate = (a: Partial<ApplicantState>, category: 1 | 2 = 1) =>
  discountRateRule.apply(
    {
      category,
      applicantStream: 'applicant-x',
      directory: applicantDirectoryOf(new Map([['applicant-x', applicant(a)]])),
    },
    p,
  );
const rateOf = (s: Scenario, stream: string, category: 1 | 2 = 1) =>
  discountRateRule.apply({ category, applicantStream: stream, directory: applicantDirectory(s.facts) }, p);
const school = (stream: string, profile: Partial<ApplicantProfile>) =>
  applicantRegistered(stream, { kind: 'school', ...profile });

describe('discount matrix (47 CFR § 54.505, FCC 14-99) read at the NSLP percentage rounded to a whole percent (USAC "Calculating Discount Rates")', () => {
  it.each([
    // NSLP students of 10,000: each band's lower edge after rounding (x.50%) and the student below it (x.49%).
    [0, '<1%', 20, 25, 20, 25],
    [49, '<1%', 20, 25, 20, 25],
    [50, '1–19%', 40, 50, 40, 50],
    [1_949, '1–19%', 40, 50, 40, 50],
    [1_950, '20–34%', 50, 60, 50, 60],
    [3_449, '20–34%', 50, 60, 50, 60],
    [3_450, '35–49%', 60, 70, 60, 70],
    [4_949, '35–49%', 60, 70, 60, 70],
    [4_950, '50–74%', 80, 80, 80, 80],
    [7_449, '50–74%', 80, 80, 80, 80],
    [7_450, '75–100%', 90, 90, 85, 85],
    [10_000, '75–100%', 90, 90, 85, 85],
  ])('%i of 10,000 NSLP students: band %s, C1 %i/%i, C2 %i/%i (urban/rural)', (nslp, band, c1u, c1r, c2u, c2r) => {
    expect(rate({ nslpEligibleStudents: nslp, locale: 'urban' }, 1)).toEqual(
      expect.objectContaining({
        ratePercent: c1u,
        entities: [expect.objectContaining({ band, basis: 'own', district: null })],
      }),
    );
    expect(rate({ nslpEligibleStudents: nslp, locale: 'rural' }, 1).ratePercent).toBe(c1r);
    expect(rate({ nslpEligibleStudents: nslp, locale: 'urban' }, 2).ratePercent).toBe(c2u);
    expect(rate({ nslpEligibleStudents: nslp, locale: 'rural' }, 2).ratePercent).toBe(c2r);
  });

  it('USAC example: 74.5% rounds to 75%, a 90% Category 1 discount', () => {
    const r = rate({ students: 1_000, nslpEligibleStudents: 745 });
    expect(r.entities[0]).toEqual(
      expect.objectContaining({
        nslpPercentUnrounded: 74.5,
        nslpPercent: 75,
        rounding: 'whole-percent-half-up',
        band: '75–100%',
        ratePercent: 90,
      }),
    );
    expect(r).toEqual(
      expect.objectContaining({ ratePercent: 90, consortiumAveraged: false, missingMembers: [], gaps: [] }),
    );
    expect(r.entities[0]!.localeBasis).toEqual({ by: 'own', rural: 0, of: 1 });
  });

  it('19.996% rounds to 20%: the 20–34% band (USAC "Calculating Discount Rates"; it used to be kept in 1–19%)', () => {
    const r = rate({ students: 5_001, nslpEligibleStudents: 1_000 });
    expect(r.entities[0]).toEqual(expect.objectContaining({ nslpPercent: 20, band: '20–34%', ratePercent: 50 }));
  });

  it('rounding boundary (property): x.5% rounds up to x+1, one student fewer stays at x', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 50 }), (whole, m) => {
        const students = 200 * m;
        const atHalf = m * (2 * whole + 1);
        expect(rate({ students, nslpEligibleStudents: atHalf }).entities[0]!.nslpPercent).toBe(whole + 1);
        expect(rate({ students, nslpEligibleStudents: atHalf - 1 }).entities[0]!.nslpPercent).toBe(whole);
      }),
    );
  });

  it('an applicant with no students reads the lowest band', () => {
    const r = rate({ students: 0, nslpEligibleStudents: 0 });
    expect(r.ratePercent).toBe(20);
    expect(r.entities[0]).toEqual(expect.objectContaining({ nslpPercentUnrounded: 0, nslpPercent: 0 }));
  });

  it('the same derivation under the FY2026–2030 rule set', () => {
    expect(
      discountRateRule.apply(
        {
          category: 2,
          applicantStream: 'applicant-x',
          directory: applicantDirectoryOf(new Map([['applicant-x', applicant({ nslpEligibleStudents: 7_450 })]])),
        },
        erate2030.params,
      ).ratePercent,
    ).toBe(85);
  });
});

describe('CEP per school: directly certified × 1.6, capped at the school’s students (USAC "Calculating Discount Rates")', () => {
  it('a district where only one school is CEP: the multiplier applies to that school alone', () => {
    const s = erateScenario().given(
      applicantRegistered('applicant-d', { students: 0, nslpEligibleStudents: 0 }),
      school('applicant-a', {
        district: 'applicant-d',
        students: 400,
        nslpEligibleStudents: 0,
        cep: true,
        directlyCertifiedStudents: 200,
      }),
      school('applicant-b', { district: 'applicant-d', students: 600, nslpEligibleStudents: 150 }),
    );
    const e = rateOf(s, 'applicant-d').entities[0]!;
    // 200 × 1.6 = 320, plus 150: 470 of 1,000 students = 47% → 35–49%, 60% urban. District-wide × 1.6 would read 75.2%.
    expect(e.schools).toEqual([
      expect.objectContaining({
        applicant: 'applicant-a',
        cep: true,
        directlyCertifiedStudents: 200,
        countedNslp: 320,
        cepCapped: false,
      }),
      expect.objectContaining({
        applicant: 'applicant-b',
        cep: false,
        directlyCertifiedStudents: null,
        countedNslp: 150,
        cepCapped: false,
      }),
    ]);
    expect(e).toEqual(
      expect.objectContaining({
        basis: 'district-wide',
        district: 'applicant-d',
        totalStudents: 1_000,
        totalNslp: 470,
        nslpPercent: 47,
        band: '35–49%',
        ratePercent: 60,
      }),
    );
  });

  it('a CEP school whose 1.6 × directly certified exceeds its students counts all its students, and says it was capped', () => {
    const s = erateScenario().given(
      school('applicant-c', { students: 100, nslpEligibleStudents: 0, cep: true, directlyCertifiedStudents: 70 }),
    );
    expect(rateOf(s, 'applicant-c').entities[0]!.schools[0]).toEqual(
      expect.objectContaining({ countedNslp: 100, cepCapped: true }),
    );
    const exact = erateScenario().given(
      school('applicant-c', { students: 112, nslpEligibleStudents: 0, cep: true, directlyCertifiedStudents: 70 }),
    );
    expect(rateOf(exact, 'applicant-c').entities[0]!.schools[0]).toEqual(
      expect.objectContaining({ countedNslp: 112, cepCapped: false }),
    );
  });

  it('a CEP profile without a directly certified count reads its NSLP count as that count (the recorded meaning before the field existed)', () => {
    const r = rate({ nslpEligibleStudents: 4_000, cep: true });
    expect(r.entities[0]).toEqual(expect.objectContaining({ totalNslp: 6_400, nslpPercent: 64, band: '50–74%' }));
    expect(r.ratePercent).toBe(80);
  });

  it('without CEP the same share stays where it is', () => {
    expect(rate({ nslpEligibleStudents: 4_000, cep: false }).ratePercent).toBe(60);
  });
});

describe('every school of a district takes the district-wide discount', () => {
  it('a school’s own counts give way to its district’s totals and locale', () => {
    const s = erateScenario().given(
      applicantRegistered('applicant-d', { locale: 'urban', students: 0, nslpEligibleStudents: 0 }),
      school('applicant-a', { district: 'applicant-d', students: 100, nslpEligibleStudents: 90, locale: 'rural' }),
      school('applicant-b', { district: 'applicant-d', students: 300, nslpEligibleStudents: 30, locale: 'rural' }),
      school('applicant-c', { district: 'applicant-d', students: 100, nslpEligibleStudents: 5, locale: 'urban' }),
    );
    const own = erateScenario().given(
      school('applicant-a', { students: 100, nslpEligibleStudents: 90, locale: 'rural' }),
    );
    expect(rateOf(own, 'applicant-a').ratePercent).toBe(90);
    // 125 of 500 = 25%, two of three schools rural: 60%.
    expect(rateOf(s, 'applicant-a').entities[0]).toEqual(
      expect.objectContaining({
        applicant: 'applicant-a',
        basis: 'school-of-district',
        district: 'applicant-d',
        nslpPercent: 25,
        locale: 'rural',
        localeBasis: { by: 'schools', rural: 2, of: 3 },
        ratePercent: 60,
      }),
    );
    expect(rateOf(s, 'applicant-d').ratePercent).toBe(60);
  });

  it('a district listing its schools as members counts them the same way', () => {
    const s = erateScenario().given(
      school('applicant-a', { students: 100, nslpEligibleStudents: 90 }),
      school('applicant-b', { students: 100, nslpEligibleStudents: 10 }),
      applicantRegistered('applicant-d', {
        memberApplicantIds: ['applicant-a', 'applicant-b'],
        students: 5,
        nslpEligibleStudents: 0,
      }),
    );
    expect(rateOf(s, 'applicant-d').entities[0]).toEqual(
      expect.objectContaining({ totalStudents: 200, totalNslp: 100, nslpPercent: 50, ratePercent: 80 }),
    );
  });

  it('a school its district lists as a member, without naming the district, takes the district’s discount too', () => {
    const s = erateScenario().given(
      school('applicant-a', { students: 100, nslpEligibleStudents: 90 }),
      school('applicant-b', { students: 100, nslpEligibleStudents: 10 }),
      applicantRegistered('applicant-d', {
        memberApplicantIds: ['applicant-a', 'applicant-b'],
        students: 5,
        nslpEligibleStudents: 0,
      }),
      applicantRegistered('applicant-c', { kind: 'consortium', memberApplicantIds: ['applicant-a'] }),
    );
    // 100 of 200 = 50%, not the school's own 90%; a consortium listing the school is not its district.
    expect(rateOf(s, 'applicant-a').entities[0]).toEqual(
      expect.objectContaining({
        basis: 'school-of-district',
        district: 'applicant-d',
        nslpPercent: 50,
        ratePercent: 80,
      }),
    );
    const alone = erateScenario().given(
      school('applicant-a', { students: 100, nslpEligibleStudents: 90 }),
      applicantRegistered('applicant-c', { kind: 'consortium', memberApplicantIds: ['applicant-a'] }),
    );
    expect(rateOf(alone, 'applicant-a').entities[0]).toEqual(
      expect.objectContaining({ basis: 'own', district: null, nslpPercent: 90 }),
    );
  });

  it('the district is rural when more than half its schools are, urban when exactly half are', () => {
    const half = erateScenario().given(
      applicantRegistered('applicant-d', { locale: 'rural' }),
      school('applicant-a', { district: 'applicant-d', locale: 'rural' }),
      school('applicant-b', { district: 'applicant-d', locale: 'urban' }),
    );
    expect(rateOf(half, 'applicant-d').entities[0]).toEqual(
      expect.objectContaining({ locale: 'urban', localeBasis: { by: 'schools', rural: 1, of: 2 } }),
    );
  });

  it('a district with no registered schools uses its own counts and locale, and names unregistered schools', () => {
    const s = erateScenario().given(
      applicantRegistered('applicant-d', { locale: 'rural', memberApplicantIds: ['applicant-gone'] }),
    );
    const r = rateOf(s, 'applicant-d');
    expect(r.entities[0]).toEqual(
      expect.objectContaining({
        basis: 'own',
        district: null,
        locale: 'rural',
        localeBasis: { by: 'own', rural: 1, of: 1 },
        nslpPercent: 60,
      }),
    );
    expect(r.gaps).toEqual([
      expect.objectContaining({ applicant: 'applicant-d', message: expect.stringContaining('applicant-gone') }),
    ]);
  });

  it('a school naming an unregistered district keeps its own counts, with a gap that says so', () => {
    const s = erateScenario().given(
      school('applicant-a', { district: 'applicant-nowhere', students: 100, nslpEligibleStudents: 90 }),
    );
    const r = rateOf(s, 'applicant-a');
    expect(r.entities[0]).toEqual(expect.objectContaining({ basis: 'own', nslpPercent: 90 }));
    expect(r.gaps).toEqual([
      {
        applicant: 'applicant-a',
        message: expect.stringContaining('applicant-nowhere, which is not registered'),
        sourceEventIds: [s.idOf('ApplicantRegistered')],
      },
    ]);
  });

  it('property: a member school’s discount always equals its district’s', () => {
    const schoolArb = fc.record({
      students: fc.integer({ min: 1, max: 3_000 }),
      share: fc.integer({ min: 0, max: 100 }),
      cep: fc.boolean(),
      dc: fc.integer({ min: 0, max: 100 }),
      rural: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(schoolArb, { minLength: 1, maxLength: 6 }),
        fc.constantFrom<1 | 2>(1, 2),
        (schools, category) => {
          const states = new Map<string, ApplicantState>([
            ['applicant-d', applicant({ kind: 'school-district', students: 10, nslpEligibleStudents: 10 })],
          ]);
          schools.forEach((x, i) => {
            const nslp = Math.floor((x.students * x.share) / 100);
            states.set(
              `applicant-s${i}`,
              applicant({
                kind: 'school',
                district: 'applicant-d',
                students: x.students,
                nslpEligibleStudents: nslp,
                cep: x.cep,
                directlyCertifiedStudents: Math.floor((x.students * x.dc) / 100),
                locale: x.rural ? 'rural' : 'urban',
              }),
            );
          });
          const directory = applicantDirectoryOf(states);
          const district = discountRateRule.apply({ category, applicantStream: 'applicant-d', directory }, p)
            .entities[0]!;
          schools.forEach((_, i) => {
            const s = discountRateRule.apply({ category, applicantStream: `applicant-s${i}`, directory }, p);
            const { applicant: _a, kind: _k, basis: _b, sourceEventIds: _s, ...rest } = s.entities[0]!;
            const { applicant: _da, kind: _dk, basis: _db, sourceEventIds: _ds, ...districtRest } = district;
            expect(rest).toEqual(districtRest);
            expect(s.ratePercent).toBe(district.ratePercent);
          });
        },
      ),
    );
  });
});

describe('libraries take the NSLP share of the district they are located in', () => {
  const district = () => [
    applicantRegistered('applicant-d', { students: 0, nslpEligibleStudents: 0 }),
    school('applicant-a', { district: 'applicant-d', students: 500, nslpEligibleStudents: 400, locale: 'urban' }),
    school('applicant-b', { district: 'applicant-d', students: 500, nslpEligibleStudents: 300, locale: 'urban' }),
  ];

  it('a library: the district’s 70% with its own rural locale (C1 80%)', () => {
    const s = erateScenario().given(
      ...district(),
      applicantRegistered('applicant-lib', {
        kind: 'library',
        students: 0,
        nslpEligibleStudents: 0,
        locale: 'rural',
        locatedInDistrict: 'applicant-d',
      }),
    );
    expect(rateOf(s, 'applicant-lib').entities[0]).toEqual(
      expect.objectContaining({
        basis: 'library-in-district',
        district: 'applicant-d',
        nslpPercent: 70,
        locale: 'rural',
        localeBasis: { by: 'own', rural: 1, of: 1 },
        ratePercent: 80,
      }),
    );
  });

  it('a library with no district recorded keeps its own counts (the recorded meaning before the field existed)', () => {
    const s = erateScenario().given(
      applicantRegistered('applicant-lib', { kind: 'library', students: 100, nslpEligibleStudents: 10 }),
    );
    expect(rateOf(s, 'applicant-lib').entities[0]).toEqual(
      expect.objectContaining({ basis: 'own', nslpPercent: 10, ratePercent: 40 }),
    );
  });

  it('a library system: its main outlet’s district share, the locale of most of its outlets', () => {
    const s = erateScenario().given(
      ...district(),
      applicantRegistered('applicant-o1', { kind: 'library', locale: 'rural' }),
      applicantRegistered('applicant-o2', { kind: 'library', locale: 'rural' }),
      applicantRegistered('applicant-o3', { kind: 'library', locale: 'urban' }),
      applicantRegistered('applicant-sys', {
        kind: 'library-system',
        locale: 'urban',
        locatedInDistrict: 'applicant-d',
        memberApplicantIds: ['applicant-o1', 'applicant-o2', 'applicant-o3'],
      }),
    );
    expect(rateOf(s, 'applicant-sys', 2).entities[0]).toEqual(
      expect.objectContaining({
        basis: 'library-system',
        district: 'applicant-d',
        nslpPercent: 70,
        locale: 'rural',
        localeBasis: { by: 'outlets', rural: 2, of: 3 },
        ratePercent: 80,
      }),
    );
  });

  it('a library system with no registered outlets keeps its own locale', () => {
    const s = erateScenario().given(
      applicantRegistered('applicant-sys', {
        kind: 'library-system',
        locale: 'rural',
        memberApplicantIds: ['applicant-gone'],
      }),
    );
    expect(rateOf(s, 'applicant-sys').entities[0]).toEqual(
      expect.objectContaining({
        basis: 'library-system',
        locale: 'rural',
        localeBasis: { by: 'own', rural: 1, of: 1 },
      }),
    );
  });

  it('a library naming an unregistered district keeps its own counts, with a gap that says so', () => {
    const s = erateScenario().given(
      applicantRegistered('applicant-lib', {
        kind: 'library',
        students: 100,
        nslpEligibleStudents: 10,
        locatedInDistrict: 'applicant-nowhere',
      }),
    );
    const r = rateOf(s, 'applicant-lib');
    expect(r.entities[0]).toEqual(expect.objectContaining({ basis: 'own', nslpPercent: 10 }));
    expect(r.gaps.map((g) => g.message)).toEqual([
      'applicant-lib names district applicant-nowhere, which is not registered: its own counts are used',
    ]);
  });

  it('a library system with one rural outlet of two stays urban', () => {
    const s = erateScenario().given(
      applicantRegistered('applicant-o1', { kind: 'library', locale: 'rural' }),
      applicantRegistered('applicant-o2', { kind: 'library', locale: 'urban' }),
      applicantRegistered('applicant-sys', {
        kind: 'library-system',
        locale: 'rural',
        memberApplicantIds: ['applicant-o1', 'applicant-o2'],
      }),
    );
    expect(rateOf(s, 'applicant-sys').entities[0]).toEqual(
      expect.objectContaining({
        district: null,
        nslpPercent: 60,
        locale: 'urban',
        localeBasis: { by: 'outlets', rural: 1, of: 2 },
      }),
    );
  });
});

describe('consortium: simple average of members, rounded half up', () => {
  it('80% and 85% average to 82.5%, which rounds up to 83%', () => {
    const s = erateScenario().given(
      school('applicant-a', { nslpEligibleStudents: 600 }),
      school('applicant-b', { nslpEligibleStudents: 800 }),
      applicantRegistered('applicant-c', { kind: 'consortium', memberApplicantIds: ['applicant-a', 'applicant-b'] }),
    );
    const r = rateOf(s, 'applicant-c', 2);
    expect(r.entities.map((e) => e.ratePercent)).toEqual([80, 85]);
    expect(r).toEqual(expect.objectContaining({ consortiumAveraged: true, ratePercent: 83, missingMembers: [] }));
  });

  it('20, 40 and 50 average to 36.67%, which rounds to 37%; unregistered members are left out and named', () => {
    const s = erateScenario().given(
      school('applicant-a', { nslpEligibleStudents: 0 }),
      school('applicant-b', { nslpEligibleStudents: 100 }),
      applicantRegistered('applicant-l', { kind: 'library', nslpEligibleStudents: 200 }),
      applicantRegistered('applicant-c', {
        kind: 'consortium',
        memberApplicantIds: ['applicant-a', 'applicant-b', 'applicant-l', 'applicant-gone'],
      }),
    );
    const r = rateOf(s, 'applicant-c');
    expect(r.ratePercent).toBe(37);
    expect(r.missingMembers).toEqual(['applicant-gone']);
  });

  it('a member school of a district counts at its district’s discount', () => {
    const s = erateScenario().given(
      applicantRegistered('applicant-d', { students: 0, nslpEligibleStudents: 0 }),
      school('applicant-a', { district: 'applicant-d', students: 100, nslpEligibleStudents: 100 }),
      school('applicant-b', { district: 'applicant-d', students: 100, nslpEligibleStudents: 0 }),
      applicantRegistered('applicant-c', { kind: 'consortium', memberApplicantIds: ['applicant-a'] }),
    );
    expect(rateOf(s, 'applicant-c').entities[0]).toEqual(
      expect.objectContaining({
        applicant: 'applicant-a',
        basis: 'school-of-district',
        nslpPercent: 50,
        ratePercent: 80,
      }),
    );
  });

  it('a consortium with no registered member has no discount, and names them', () => {
    const s = erateScenario().given(
      applicantRegistered('applicant-c', { kind: 'consortium', memberApplicantIds: ['applicant-gone'] }),
    );
    expect(rateOf(s, 'applicant-c')).toEqual({
      ratePercent: 0,
      entities: [],
      consortiumAveraged: true,
      missingMembers: ['applicant-gone'],
      gaps: [],
    });
  });

  it('an unregistered applicant has no discount', () => {
    expect(
      discountRateRule.apply(
        { category: 1, applicantStream: 'applicant-x', directory: applicantDirectoryOf(new Map()) },
        p,
      ),
    ).toEqual({ ratePercent: 0, entities: [], consortiumAveraged: false, missingMembers: [], gaps: [] });
  });
});
