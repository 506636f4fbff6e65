import { type Decider } from '../shared/decider';
import { eventOf } from '../shared/event-of';
import { DomainError, assertNever } from '../shared/errors';
import { openProgram } from '../program/open-program';
import { type ApplicantEvent, type ApplicantProfile } from './events';
import { initialApplicantState, type ApplicantState } from './state';

const profileOf = (d: ApplicantProfile): ApplicantProfile => ({
  name: d.name,
  kind: d.kind,
  usState: d.usState,
  students: d.students,
  nslpEligibleStudents: d.nslpEligibleStudents,
  economicallyDisadvantagedStudents: d.economicallyDisadvantagedStudents,
  locale: d.locale,
  cep: d.cep,
  ...(d.librarySquareFeet === undefined ? {} : { librarySquareFeet: d.librarySquareFeet }),
  memberApplicantIds: d.memberApplicantIds,
  ...(d.district === undefined ? {} : { district: d.district }),
  ...(d.directlyCertifiedStudents === undefined ? {} : { directlyCertifiedStudents: d.directlyCertifiedStudents }),
  ...(d.locatedInDistrict === undefined ? {} : { locatedInDistrict: d.locatedInDistrict }),
  ...(d.tribal === undefined ? {} : { tribal: d.tribal }),
});

/** Clears the optional profile fields so a correction without them really removes them. */
const withoutOptionalProfile = (state: ApplicantState): ApplicantState => {
  const { librarySquareFeet: _sq, district: _d, directlyCertifiedStudents: _dc, locatedInDistrict: _l, tribal: _t, ...rest } = state;
  return rest;
};

export const applicantDecider: Decider<ApplicantEvent, ApplicantState> = {
  initialState: initialApplicantState,
  related: (command) => {
    const event = command.event;
    return event.type === 'InterlocalAgreementApproved' || event.type === 'ProgramJoined' ? [event.data.program] : [];
  },
  decide: (command, state, related) => {
    const event = command.event;
    if (event.type === 'ApplicantRegistered') {
      if (state.registered) throw new DomainError('applicant-already-registered', `${command.stream} is already registered; post ApplicantProfileCorrected`);
      return [event];
    }
    if (!state.registered) throw new DomainError('applicant-not-registered', `${command.stream} has not been registered`);
    switch (event.type) {
      case 'ApplicantProfileCorrected':
        if (!state.profileEventIds.includes(event.data.corrects)) {
          throw new DomainError('corrected-event-unknown', `${event.data.corrects} is not a registration or correction of ${command.stream}`);
        }
        return [event];
      case 'InterlocalAgreementApproved':
        openProgram(related, event.data.program);
        return [event];
      case 'ProgramJoined':
        openProgram(related, event.data.program);
        if (state.programsJoined.some((p) => p.program === event.data.program)) {
          throw new DomainError('program-already-joined', `${command.stream} already joined ${event.data.program}`);
        }
        return [event];
      case 'NeedEstimated':
      case 'CategoryTwoCountValidated':
        return [event];
      default:
        return assertNever(event);
    }
  },
  evolve: (state, envelope) => {
    const event = eventOf(envelope);
    switch (event.type) {
      case 'ApplicantRegistered':
        return { ...withoutOptionalProfile(state), ...profileOf(event.data), registered: true, registeredEventId: envelope.id, profileEventIds: [envelope.id] };
      case 'ApplicantProfileCorrected':
        return { ...withoutOptionalProfile(state), ...profileOf(event.data), profileEventIds: [...state.profileEventIds, envelope.id] };
      case 'InterlocalAgreementApproved':
        return {
          ...state,
          interlocalAgreements: [...state.interlocalAgreements, { ...event.data, eventId: envelope.id, position: envelope.position }],
        };
      case 'NeedEstimated':
        return { ...state, needs: [...state.needs.filter((n) => n.area !== event.data.area), { ...event.data, eventId: envelope.id }] };
      case 'ProgramJoined':
        return { ...state, programsJoined: [...state.programsJoined, { ...event.data, eventId: envelope.id }] };
      case 'CategoryTwoCountValidated':
        return { ...state, categoryTwoCounts: [...(state.categoryTwoCounts ?? []), { ...event.data, eventId: envelope.id }] };
      default:
        return assertNever(event);
    }
  },
};
