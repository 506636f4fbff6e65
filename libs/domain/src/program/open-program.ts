import { type RelatedStates } from '../shared/decider';
import { DomainError } from '../shared/errors';
import { type ProgramState } from './state';

/** The state of a program that exists and is open, for deciders of other streams that record facts under it. */
export function openProgram(related: RelatedStates, program: string): ProgramState {
  const state = related.get(program) as ProgramState | undefined;
  if (!state?.established) throw new DomainError('program-not-established', `${program} has not been established`);
  if (state.closed) throw new DomainError('program-closed', `${program} closed on ${state.closed.closedOn}`);
  return state;
}
