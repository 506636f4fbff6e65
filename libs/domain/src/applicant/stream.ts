import { type StreamDefinition } from '../shared/decider';
import { applicantDecider } from './decider';
import { applicantEvents, type ApplicantEvent } from './events';
import { type ApplicantState } from './state';

/** `applicant-<id>`: a district, school, library, library system or consortium, and the programs it takes part in. */
export const applicantStream: StreamDefinition<ApplicantEvent, ApplicantState> = {
  prefix: 'applicant',
  description:
    'An applicant (district/LEA, school, library, consortium): profile, interlocal agreements, needs, programs joined.',
  events: applicantEvents,
  decider: applicantDecider,
  links: (state) => [
    ...new Set([
      ...state.programsJoined.map((p) => p.program),
      ...state.interlocalAgreements.map((a) => a.program),
      ...state.memberApplicantIds,
      ...(state.district === undefined ? [] : [state.district]),
      ...(state.locatedInDistrict === undefined ? [] : [state.locatedInDistrict]),
    ]),
  ],
};
