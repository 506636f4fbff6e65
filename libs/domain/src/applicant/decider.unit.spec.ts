import { fact } from '../../testing/scenario';
import { MS, district, msConnectsEstablished, newScenario, registered } from '../../testing/state-program-fixtures';
import { refusalCode } from '../../testing/refusal-code';
import { InvalidEventData } from '../shared/errors';
import { applicantEvents } from './events';
import { type ApplicantState } from './state';

const invalidFields = (type: 'ApplicantRegistered' | 'CategoryTwoCountValidated', data: unknown) =>
  applicantEvents[type].validate(data).map((e) => e.field);

const A = 'applicant-jackson';

describe('applicant decider and state', () => {
  it('folds the registration into the state the E-Rate rules read', () => {
    const profile = district({ locale: 'rural', librarySquareFeet: 12_000 });
    const s = newScenario().given(fact(A, 'ApplicantRegistered', profile));
    expect(s.facts.state<ApplicantState>(A)).toMatchObject({
      ...profile,
      registered: true,
      registeredEventId: s.idOf('ApplicantRegistered'),
    });
  });

  it('a correction replaces the whole profile and references the event it corrects', () => {
    const s = newScenario().given(registered(A, { librarySquareFeet: 12_000 }));
    s.record(
      fact(A, 'ApplicantProfileCorrected', {
        ...district({ students: 21_000 }),
        corrects: s.idOf('ApplicantRegistered'),
        reason: 'October count',
      }),
    );
    const state = s.facts.state<ApplicantState>(A);
    expect(state?.students).toBe(21_000);
    expect(state?.librarySquareFeet).toBeUndefined();
    expect(state?.profileEventIds).toEqual([s.idOf('ApplicantRegistered'), s.idOf('ApplicantProfileCorrected')]);
  });

  it('refuses a correction of an event that is not this applicant’s profile', () => {
    const s = newScenario().given(registered(A));
    expect(
      refusalCode(() =>
        s.record(fact(A, 'ApplicantProfileCorrected', { ...district(), corrects: 'someone-else', reason: 'x' })),
      ),
    ).toBe('corrected-event-unknown');
  });

  it('refuses a second registration and facts about an applicant never registered', () => {
    expect(refusalCode(() => newScenario().given(registered(A)).record(registered(A)))).toBe(
      'applicant-already-registered',
    );
    expect(
      refusalCode(() =>
        newScenario().record(
          fact(A, 'NeedEstimated', {
            area: 'North',
            devices: 1,
            hotspots: 1,
            unconnectedHouseholds: 1,
            estimatedOn: '2020-05-01',
          }),
        ),
      ),
    ).toBe('applicant-not-registered');
  });

  it('refuses joining or agreeing to a program that does not exist or is closed, and joining twice', () => {
    const join = fact(A, 'ProgramJoined', { program: MS, joinedOn: '2020-08-01' });
    expect(refusalCode(() => newScenario().given(registered(A)).record(join))).toBe('program-not-established');
    const s = newScenario().given(msConnectsEstablished(), registered(A), join);
    expect(refusalCode(() => s.record(join))).toBe('program-already-joined');
    s.record(fact(MS, 'ProgramClosed', { closedOn: '2021-01-01', reason: 'done' }));
    expect(
      refusalCode(() =>
        s.record(fact(A, 'InterlocalAgreementApproved', { program: MS, esc: 'x', approvedOn: '2021-01-02' })),
      ),
    ).toBe('program-closed');
  });

  it('keeps the latest need estimate per area', () => {
    const s = newScenario().given(
      registered(A),
      fact(A, 'NeedEstimated', {
        area: 'North',
        devices: 100,
        hotspots: 20,
        unconnectedHouseholds: 15,
        estimatedOn: '2020-05-01',
      }),
      fact(A, 'NeedEstimated', {
        area: 'South',
        devices: 50,
        hotspots: 5,
        unconnectedHouseholds: 4,
        estimatedOn: '2020-05-01',
      }),
      fact(A, 'NeedEstimated', {
        area: 'North',
        devices: 120,
        hotspots: 25,
        unconnectedHouseholds: 18,
        estimatedOn: '2020-06-01',
      }),
    );
    expect(s.facts.state<ApplicantState>(A)?.needs.map((n) => [n.area, n.devices])).toEqual([
      ['South', 50],
      ['North', 120],
    ]);
  });

  describe('facts the E-Rate discount and budget rules read (USAC "Calculating Discount Rates", "Category Two Budgets")', () => {
    const school = district({
      kind: 'school',
      students: 400,
      nslpEligibleStudents: 100,
      economicallyDisadvantagedStudents: 100,
      cep: true,
      directlyCertifiedStudents: 200,
      district: 'applicant-d',
    });

    it('a school’s district and directly certified count, a library’s district and Tribal status fold into the state; a correction without them removes them', () => {
      const s = newScenario().given(fact('applicant-s', 'ApplicantRegistered', school));
      expect(s.facts.state<ApplicantState>('applicant-s')).toMatchObject({
        district: 'applicant-d',
        directlyCertifiedStudents: 200,
      });
      expect(s.facts.linkedFrom('applicant-d', 'applicant')).toEqual(['applicant-s']);
      s.record(
        fact('applicant-s', 'ApplicantProfileCorrected', {
          ...district({ kind: 'school' }),
          corrects: s.idOf('ApplicantRegistered'),
          reason: 'left the district',
        }),
      );
      const corrected = s.facts.state<ApplicantState>('applicant-s');
      expect([corrected?.district, corrected?.directlyCertifiedStudents]).toEqual([undefined, undefined]);
      const lib = newScenario().given(
        fact(
          'applicant-l',
          'ApplicantRegistered',
          district({ kind: 'library', locatedInDistrict: 'applicant-d', tribal: true }),
        ),
      );
      expect(lib.facts.state<ApplicantState>('applicant-l')).toMatchObject({
        locatedInDistrict: 'applicant-d',
        tribal: true,
      });
    });

    it('refuses facts an applicant of that kind cannot have, and a directly certified count above the students', () => {
      expect(
        invalidFields('ApplicantRegistered', district({ kind: 'school-district', district: 'applicant-d' })),
      ).toEqual(['district']);
      expect(
        invalidFields(
          'ApplicantRegistered',
          district({ kind: 'school', locatedInDistrict: 'applicant-d', tribal: false }),
        ),
      ).toEqual(['locatedInDistrict', 'tribal']);
      expect(invalidFields('ApplicantRegistered', { ...school, directlyCertifiedStudents: 401 })).toEqual([
        'directlyCertifiedStudents',
      ]);
      expect(invalidFields('ApplicantRegistered', { ...school, directlyCertifiedStudents: 400 })).toEqual([]);
      expect(invalidFields('ApplicantRegistered', { ...school, district: 'frn-1' })).toEqual(['district']);
      expect(() =>
        newScenario().record(fact('applicant-s', 'ApplicantRegistered', { ...school, directlyCertifiedStudents: 401 })),
      ).toThrow(InvalidEventData);
    });

    it('a validated Category 2 count folds in recorded order; it needs a count and a funding year', () => {
      const s = newScenario().given(
        registered(A),
        fact(A, 'CategoryTwoCountValidated', { fundingYear: 2026, students: 20_100 }),
        fact(A, 'CategoryTwoCountValidated', { fundingYear: 2027, squareFeet: 5_000 }),
      );
      expect(s.facts.state<ApplicantState>(A)?.categoryTwoCounts).toEqual([
        { fundingYear: 2026, students: 20_100, eventId: s.idOf('CategoryTwoCountValidated', 0) },
        { fundingYear: 2027, squareFeet: 5_000, eventId: s.idOf('CategoryTwoCountValidated') },
      ]);
      expect(invalidFields('CategoryTwoCountValidated', { fundingYear: 2026 })).toEqual(['students']);
      expect(invalidFields('CategoryTwoCountValidated', { fundingYear: 1997, students: 1 })).toEqual(['fundingYear']);
      expect(invalidFields('CategoryTwoCountValidated', { fundingYear: 2101, students: 1 })).toEqual(['fundingYear']);
      expect(invalidFields('CategoryTwoCountValidated', { fundingYear: 2100, students: 0 })).toEqual([]);
      expect(
        refusalCode(() =>
          newScenario().record(fact(A, 'CategoryTwoCountValidated', { fundingYear: 2026, students: 1 })),
        ),
      ).toBe('applicant-not-registered');
    });
  });
});
