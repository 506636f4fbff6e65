import { type StreamDefinition } from '../shared/decider';
import { programDecider } from './decider';
import { programEvents, type ProgramEvent } from './events';
import { type ProgramState } from './state';

/** `program-<id>`: a state program, its terms in every version, its allocations and requirements. */
export const programStream: StreamDefinition<ProgramEvent, ProgramState> = {
  prefix: 'program',
  description:
    'A state program (e.g. Mississippi Connects, Texas Operation Connectivity): funds, cost share, participation rules.',
  events: programEvents,
  decider: programDecider,
  links: (state) => [...new Set(state.allocations.map((a) => a.applicant))],
  // Allocations are only ever appended (evolve): an event's new ones are those past the earlier count.
  linksAdded: (before, after) => after.allocations.slice(before.allocations.length).map((a) => a.applicant),
};
