import { type CalendarDate } from '../../shared/dates';
import { type Rule } from '../../shared/rule';
import { type ContractState } from '../../contract/state';
import { CITATIONS } from './citations';

export interface ParticipationFacts {
  /** The state whose program the order is under. */
  usState: string;
  placedOn: CalendarDate;
  contract: Pick<ContractState, 'leadState' | 'addenda'>;
}

/**
 * A cooperative contract is used in a state through the lead state's award or a participating
 * addendum that state signed (checklist: "NASPO participating agreements"; MLTI's staged state roles).
 */
export const participatingAddendumRule: Rule<
  ParticipationFacts,
  { participating: boolean; addendumEventId: string | null },
  null
> = {
  id: 'coop.participating-addendum-missing',
  citation: CITATIONS.checklist,
  apply: ({ usState, placedOn, contract }) => {
    if (contract.leadState === usState) return { participating: true, addendumEventId: null };
    const addendum = contract.addenda.find((a) => a.usState === usState && a.signedOn <= placedOn);
    return { participating: addendum !== undefined, addendumEventId: addendum?.eventId ?? null };
  },
};
