import { type Decider } from '../shared/decider';
import { laterOf } from '../shared/dates';
import { eventOf } from '../shared/event-of';
import { DomainError, assertNever } from '../shared/errors';
import { stateProgramRuleSets, stateProgramTerms } from '../rules/state-programs/rule-sets';
import { type ProgramEvent, type ProgramTermsAmended } from './events';
import { initialProgramState, type ProgramState } from './state';
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

export const programDecider: Decider<ProgramEvent, ProgramState> = {
  initialState: initialProgramState,
  decide: (command, state) => {
    const event = command.event;
    if (event.type === 'ProgramEstablished') {
      if (state.established) throw new DomainError('program-already-established', `${command.stream} is already established`);
      const ruleSet = event.data.ruleSet;
      if (ruleSet !== undefined && !stateProgramRuleSets[ruleSet]) throw new DomainError('unknown-rule-set', `No state-program rule set ${ruleSet}`);
      refuseContradictoryTerms(event.data.terms);
      return [event];
    }
    if (!state.established) throw new DomainError('program-not-established', `${command.stream} has not been established`);
    if (state.closed) throw new DomainError('program-closed', `${command.stream} closed on ${state.closed.closedOn}`);
    if (event.type === 'ProgramTermsAmended') {
      refuseContradictoryTerms(event.data.terms);
      refuseOverlappingAmendment(state, event.data);
    }
    return [event];
  },
  evolve: (state, envelope) => {
    const event = eventOf(envelope);
    switch (event.type) {
      case 'ProgramEstablished': {
        const d = event.data;
        return {
          ...state,
          established: true,
          establishedEventId: envelope.id,
          name: d.name,
          usState: d.usState,
          fundingSource: d.fundingSource,
          totalFunds: d.totalFunds,
          termsVersions: [{ version: 1, eventId: envelope.id, position: envelope.position, effectiveFrom: d.establishedOn, terms: d.terms }],
          ruleSet: d.ruleSet ?? stateProgramTerms.id,
          establishedOn: d.establishedOn,
          lastFactOn: laterOf(state.lastFactOn, d.establishedOn),
        };
      }
      case 'ProgramTermsAmended': {
        const d = event.data;
        const version = { version: state.termsVersions.length + 1, eventId: envelope.id, position: envelope.position, effectiveFrom: d.effectiveFrom, terms: d.terms };
        return { ...state, termsVersions: [...state.termsVersions, version] };
      }
      case 'ProgramFundsAllocated':
        return {
          ...state,
          allocations: [...state.allocations, { ...event.data, eventId: envelope.id }],
          lastFactOn: laterOf(state.lastFactOn, event.data.allocatedOn),
        };
      case 'ParticipationRequirementSet': {
        const { requirement, esc, deadline, setOn } = event.data;
        return {
          ...state,
          requirements: [...state.requirements, { requirement, esc, deadline, eventId: envelope.id }],
          lastFactOn: laterOf(state.lastFactOn, setOn),
        };
      }
      case 'ProgramClosed':
        return { ...state, closed: { ...event.data, eventId: envelope.id }, lastFactOn: laterOf(state.lastFactOn, event.data.closedOn) };
      default:
        return assertNever(event);
    }
  },
};
