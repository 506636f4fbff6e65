import { type Decider, type RecordFact, type RelatedStates } from '../shared/decider';
import { DomainError, assertNever } from '../shared/errors';
import { openProgram } from '../program/open-program';
import { type ApplicantEvent } from './events';
import { evolveApplicant, initialApplicantState, type ApplicantState } from './state';

/**
 * Refuses a second registration, a correction of an event that is not a profile, and facts under a program that is not
 * open.
 */
function decideApplicant(
  command: RecordFact<ApplicantEvent>,
  state: ApplicantState,
  related: RelatedStates,
): ApplicantEvent[] {
  const event = command.event;
  if (event.type === 'ApplicantRegistered') {
    if (state.registered)
      throw new DomainError(
        'applicant-already-registered',
        `${command.stream} is already registered; post ApplicantProfileCorrected`,
      );
    return [event];
  }
  if (!state.registered) throw new DomainError('applicant-not-registered', `${command.stream} has not been registered`);
  switch (event.type) {
    case 'ApplicantProfileCorrected':
      if (!state.profileEventIds.includes(event.data.corrects)) {
        throw new DomainError(
          'corrected-event-unknown',
          `${event.data.corrects} is not a registration or correction of ${command.stream}`,
        );
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
}

export const applicantDecider: Decider<ApplicantEvent, ApplicantState> = {
  initialState: initialApplicantState,
  related: (command) => {
    const event = command.event;
    return event.type === 'InterlocalAgreementApproved' || event.type === 'ProgramJoined' ? [event.data.program] : [];
  },
  decide: decideApplicant,
  evolve: evolveApplicant,
};
