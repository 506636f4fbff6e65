import { type ApplicantState, initialApplicantState } from '../../applicant/state';
import { discountRateRule } from './discount-rate-rule';
import { erate2025 } from './erate-rule-sets';

const p = erate2025.params;
const applicant = (a: Partial<ApplicantState>): ApplicantState => ({ ...initialApplicantState, registered: true, students: 10_000, ...a });
const rate = (a: Partial<ApplicantState>, category: 1 | 2 = 1, statePercent = 0, members = new Map<string, ApplicantState | undefined>()) =>
  discountRateRule.apply({ category, applicantStream: 'applicant-x', applicant: applicant(a), members, statePercent }, p);

describe('discount matrix (47 CFR § 54.505, FCC 14-99)', () => {
  it.each([
    // NSLP students of 10,000: each band's lower edge and the last student below it.
    [0, '<1%', 20, 25, 20, 25],
    [99, '<1%', 20, 25, 20, 25],
    [100, '1–19%', 40, 50, 40, 50],
    [1_999, '1–19%', 40, 50, 40, 50],
    [2_000, '20–34%', 50, 60, 50, 60],
    [3_499, '20–34%', 50, 60, 50, 60],
    [3_500, '35–49%', 60, 70, 60, 70],
    [4_999, '35–49%', 60, 70, 60, 70],
    [5_000, '50–74%', 80, 80, 80, 80],
    [7_499, '50–74%', 80, 80, 80, 80],
    [7_500, '75–100%', 90, 90, 85, 85],
    [10_000, '75–100%', 90, 90, 85, 85],
  ])('%i of 10,000 NSLP students: band %s, C1 %i/%i, C2 %i/%i (urban/rural)', (nslp, band, c1u, c1r, c2u, c2r) => {
    expect(rate({ nslpEligibleStudents: nslp, locale: 'urban' }, 1)).toEqual(expect.objectContaining({ ratePercent: c1u, entities: [expect.objectContaining({ band })] }));
    expect(rate({ nslpEligibleStudents: nslp, locale: 'rural' }, 1).ratePercent).toBe(c1r);
    expect(rate({ nslpEligibleStudents: nslp, locale: 'urban' }, 2).ratePercent).toBe(c2u);
    expect(rate({ nslpEligibleStudents: nslp, locale: 'rural' }, 2).ratePercent).toBe(c2r);
  });

  it('a share a hair under a band edge stays in the lower band (19.999…% is not 20%)', () => {
    expect(rate({ students: 3, nslpEligibleStudents: 0 }).ratePercent).toBe(20);
    expect(rate({ students: 5_001, nslpEligibleStudents: 1_000 }).entities[0]!.band).toBe('1–19%');
  });

  it('an applicant with no students reads the lowest band', () => {
    expect(rate({ students: 0, nslpEligibleStudents: 0 }).ratePercent).toBe(20);
  });
});

describe('CEP multiplier 1.6, capped at 100%', () => {
  it('40% identified students read as 64%: the 50–74% band', () => {
    const r = rate({ nslpEligibleStudents: 4_000, cep: true });
    expect(r.entities[0]).toEqual(expect.objectContaining({ nslpBasisPoints: 4_000, matrixBasisPoints: 6_400, band: '50–74%' }));
    expect(r.ratePercent).toBe(80);
  });

  it('70% identified students read as 100%, never 112%', () => {
    expect(rate({ nslpEligibleStudents: 7_000, cep: true }).entities[0]!.matrixBasisPoints).toBe(10_000);
    expect(rate({ nslpEligibleStudents: 7_000, cep: true }, 2).ratePercent).toBe(85);
  });

  it('without CEP the same share stays where it is', () => {
    expect(rate({ nslpEligibleStudents: 4_000, cep: false }).ratePercent).toBe(60);
  });
});

describe('district locale by its schools', () => {
  const school = (locale: 'urban' | 'rural'): ApplicantState => applicant({ kind: 'school', locale });
  it('is rural when more than half its schools are rural', () => {
    const members = new Map([['applicant-a', school('rural')], ['applicant-b', school('rural')], ['applicant-c', school('urban')]]);
    expect(rate({ kind: 'school-district', locale: 'urban', nslpEligibleStudents: 3_000 }, 1, 0, members).entities[0]).toEqual(expect.objectContaining({ locale: 'rural', localeBasis: 'schools', ratePercent: 60 }));
  });
  it('is urban when exactly half are rural', () => {
    const members = new Map([['applicant-a', school('rural')], ['applicant-b', school('urban')]]);
    expect(rate({ kind: 'school-district', locale: 'rural', nslpEligibleStudents: 3_000 }, 1, 0, members).entities[0]!.locale).toBe('urban');
  });
});

describe('consortium: simple average of members, rounded half up', () => {
  it('80% and 85% average to 82.5%, which rounds up to 83%', () => {
    const members = new Map<string, ApplicantState | undefined>([
      ['applicant-a', applicant({ kind: 'school', nslpEligibleStudents: 6_000 })],
      ['applicant-b', applicant({ kind: 'school', nslpEligibleStudents: 8_000 })],
    ]);
    const r = rate({ kind: 'consortium', memberApplicantIds: [...members.keys()] }, 2, 0, members);
    expect(r.entities.map((e) => e.ratePercent)).toEqual([80, 85]);
    expect(r).toEqual(expect.objectContaining({ consortiumAveraged: true, ratePercent: 83 }));
  });

  it('20, 40 and 50 average to 36.67%, which rounds to 37%; unregistered members are left out and named', () => {
    const members = new Map<string, ApplicantState | undefined>([
      ['applicant-a', applicant({ kind: 'school', nslpEligibleStudents: 0 })],
      ['applicant-b', applicant({ kind: 'school', nslpEligibleStudents: 1_000 })],
      ['applicant-c', applicant({ kind: 'library', nslpEligibleStudents: 2_000 })],
      ['applicant-gone', undefined],
    ]);
    const r = rate({ kind: 'consortium' }, 1, 0, members);
    expect(r.ratePercent).toBe(37);
    expect(r.missingMembers).toEqual(['applicant-gone']);
  });
});

describe('state match: one point per point of match, up to ten, never past 100%', () => {
  it.each([
    [60, 5, 85, 5],
    [60, 15, 90, 10],
    [7_500, 10, 100, 10],
    [7_500, 3, 93, 3],
  ])('NSLP %i bp with a %i%% state match', (nslp, match, expected, points) => {
    const r = rate({ nslpEligibleStudents: nslp === 60 ? 6_000 : nslp }, 1, match);
    expect(r).toEqual(expect.objectContaining({ ratePercent: expected, stateMatchPoints: points }));
  });

  it('stops at 100% even from a 95% start', () => {
    const r = discountRateRule.apply(
      { category: 1, applicantStream: 'applicant-x', applicant: applicant({ nslpEligibleStudents: 10_000 }), members: new Map(), statePercent: 10 },
      { ...p, discountMatrix: p.discountMatrix.map((b) => (b.label === '75–100%' ? { ...b, category1: { urban: 95, rural: 95 } } : b)) },
    );
    expect(r).toEqual(expect.objectContaining({ ratePercent: 100, stateMatchPoints: 5 }));
  });
});
