import { type Decider, type RecordFact } from '../shared/decider';
import { DomainError } from '../shared/errors';
import { stateProgramRuleSets } from './rule-sets';
import { type ProgramEvent, type ProgramTermsAmended } from './events';
import { evolveProgram, initialProgramState, type ProgramState } from './state';
import { currentTerms } from './terms-in-force';
import { refuseContradictoryTerms } from './terms';

/** Two versions cannot both take effect on one day, and an amendment cannot reach back before the terms it amends. */
function refuseOverlappingAmendment(state: ProgramState, data: ProgramTermsAmended['data']): void {
  const latest = currentTerms(state);
  if (latest && data.effectiveFrom <= latest.effectiveFrom) {
    throw new DomainError(
      'terms.effective-dates-overlap',
      `Amended terms must take effect after ${latest.effectiveFrom}, when terms version ${latest.version} took effect (got ${data.effectiveFrom})`,
    );
  }
}

/**
 * Refuses a second establishment, an unknown rule set, contradictory or overlapping terms, and facts on a program never
 * established or already closed.
 */
function decideProgram(command: RecordFact<ProgramEvent>, state: ProgramState): ProgramEvent[] {
  const event = command.event;
  if (event.type === 'ProgramEstablished') {
    if (state.established)
      throw new DomainError('program-already-established', `${command.stream} is already established`);
    const ruleSet = event.data.ruleSet;
    if (ruleSet !== undefined && !stateProgramRuleSets[ruleSet])
      throw new DomainError('unknown-rule-set', `No state-program rule set ${ruleSet}`);
    refuseContradictoryTerms(event.data.terms);
    return [event];
  }
  if (!state.established)
    throw new DomainError('program-not-established', `${command.stream} has not been established`);
  if (state.closed) throw new DomainError('program-closed', `${command.stream} closed on ${state.closed.closedOn}`);
  if (event.type === 'ProgramTermsAmended') {
    refuseContradictoryTerms(event.data.terms);
    refuseOverlappingAmendment(state, event.data);
  }
  return [event];
}

export const programDecider: Decider<ProgramEvent, ProgramState> = {
  initialState: initialProgramState,
  decide: decideProgram,
  evolve: evolveProgram,
};
