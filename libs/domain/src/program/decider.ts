import { type Decider } from '../shared/decider';
import { laterOf } from '../shared/dates';
import { eventOf } from '../shared/event-of';
import { DomainError, assertNever } from '../shared/errors';
import { stateProgramRuleSets } from '../rules/state-programs/rule-sets';
import { type ProgramEstablished, type ProgramEvent } from './events';
import { initialProgramState, type ProgramState } from './state';

/** A program's declared cost-share terms must be the ones its rule set defines, or the rule set could not judge it. */
function refuseTermsOutsideRuleSet(data: ProgramEstablished['data']): void {
  const ruleSet = stateProgramRuleSets[data.ruleSet];
  if (!ruleSet) throw new DomainError('unknown-rule-set', `No state-program rule set ${data.ruleSet}`);
  const params = ruleSet.params;
  const terms = data.costShare;
  if (terms.kind !== params.kind) {
    throw new DomainError('cost-share-outside-rule-set', `Rule set ${ruleSet.id} governs ${params.kind} programs, not ${terms.kind}`);
  }
  if (terms.kind === 'fixed-split' && params.kind === 'fixed-split') {
    if (terms.stateMaxPercent !== params.stateMaxPercent || terms.districtMinPercent !== params.districtMinPercent) {
      throw new DomainError(
        'cost-share-outside-rule-set',
        `Rule set ${ruleSet.id} sets state ≤ ${params.stateMaxPercent}% with district ≥ ${params.districtMinPercent}%, not ${terms.stateMaxPercent}/${terms.districtMinPercent}`,
      );
    }
  }
  if (terms.kind === 'matching-by-economically-disadvantaged-share' && params.kind === 'matching-by-economically-disadvantaged-share') {
    if (!(terms.tableId in params.matchTables)) {
      throw new DomainError('unknown-match-table', `Rule set ${ruleSet.id} has no match table ${terms.tableId}`);
    }
  }
}

export const programDecider: Decider<ProgramEvent, ProgramState> = {
  initialState: initialProgramState,
  decide: (command, state) => {
    const event = command.event;
    if (event.type === 'ProgramEstablished') {
      if (state.established) throw new DomainError('program-already-established', `${command.stream} is already established`);
      refuseTermsOutsideRuleSet(event.data);
      return [event];
    }
    if (!state.established) throw new DomainError('program-not-established', `${command.stream} has not been established`);
    if (state.closed) throw new DomainError('program-closed', `${command.stream} closed on ${state.closed.closedOn}`);
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
          costShare: d.costShare,
          ruleSet: d.ruleSet,
          establishedOn: d.establishedOn,
          lastFactOn: laterOf(state.lastFactOn, d.establishedOn),
        };
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
