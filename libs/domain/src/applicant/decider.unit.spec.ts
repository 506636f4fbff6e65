import { fact } from '../testing/scenario';
import { MS, district, msConnectsEstablished, newScenario, registered } from '../testing/state-program-fixtures';
import { refusalCode } from '../testing/refusal-code';
import { type ApplicantState } from './state';

const A = 'applicant-jackson';

describe('applicant decider and state', () => {
  it('folds the registration into the state the E-Rate rules read', () => {
    const profile = district({ locale: 'rural', librarySquareFeet: 12_000 });
    const s = newScenario().given(fact(A, 'ApplicantRegistered', profile));
    expect(s.facts.state<ApplicantState>(A)).toMatchObject({ ...profile, registered: true, registeredEventId: s.idOf('ApplicantRegistered') });
  });

  it('a correction replaces the whole profile and references the event it corrects', () => {
    const s = newScenario().given(registered(A, { librarySquareFeet: 12_000 }));
    s.record(fact(A, 'ApplicantProfileCorrected', { ...district({ students: 21_000 }), corrects: s.idOf('ApplicantRegistered'), reason: 'October count' }));
    const state = s.facts.state<ApplicantState>(A);
    expect(state?.students).toBe(21_000);
    expect(state?.librarySquareFeet).toBeUndefined();
    expect(state?.profileEventIds).toEqual([s.idOf('ApplicantRegistered'), s.idOf('ApplicantProfileCorrected')]);
  });

  it('refuses a correction of an event that is not this applicant’s profile', () => {
    const s = newScenario().given(registered(A));
    expect(refusalCode(() => s.record(fact(A, 'ApplicantProfileCorrected', { ...district(), corrects: 'someone-else', reason: 'x' })))).toBe('corrected-event-unknown');
  });

  it('refuses a second registration and facts about an applicant never registered', () => {
    expect(refusalCode(() => newScenario().given(registered(A)).record(registered(A)))).toBe('applicant-already-registered');
    expect(refusalCode(() => newScenario().record(fact(A, 'NeedEstimated', { area: 'North', devices: 1, hotspots: 1, unconnectedHouseholds: 1, estimatedOn: '2020-05-01' })))).toBe(
      'applicant-not-registered',
    );
  });

  it('refuses joining or agreeing to a program that does not exist or is closed, and joining twice', () => {
    const join = fact(A, 'ProgramJoined', { program: MS, joinedOn: '2020-08-01' });
    expect(refusalCode(() => newScenario().given(registered(A)).record(join))).toBe('program-not-established');
    const s = newScenario().given(msConnectsEstablished(), registered(A), join);
    expect(refusalCode(() => s.record(join))).toBe('program-already-joined');
    s.record(fact(MS, 'ProgramClosed', { closedOn: '2021-01-01', reason: 'done' }));
    expect(refusalCode(() => s.record(fact(A, 'InterlocalAgreementApproved', { program: MS, esc: 'x', approvedOn: '2021-01-02' })))).toBe('program-closed');
  });

  it('keeps the latest need estimate per area', () => {
    const s = newScenario().given(
      registered(A),
      fact(A, 'NeedEstimated', { area: 'North', devices: 100, hotspots: 20, unconnectedHouseholds: 15, estimatedOn: '2020-05-01' }),
      fact(A, 'NeedEstimated', { area: 'South', devices: 50, hotspots: 5, unconnectedHouseholds: 4, estimatedOn: '2020-05-01' }),
      fact(A, 'NeedEstimated', { area: 'North', devices: 120, hotspots: 25, unconnectedHouseholds: 18, estimatedOn: '2020-06-01' }),
    );
    expect(s.facts.state<ApplicantState>(A)?.needs.map((n) => [n.area, n.devices])).toEqual([
      ['South', 50],
      ['North', 120],
    ]);
  });
});
