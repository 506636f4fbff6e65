import { type Envelope } from '../shared/envelope';
import { type ErateRuleSetAdopted, type RuleSetEvent } from './events';

/** An adoption as recorded, with the event and position that recorded it. */
export interface AdoptedErateRuleSet extends ErateRuleSetAdopted {
  eventId: string;
  position: number;
}

export interface RuleSetState {
  adoptions: AdoptedErateRuleSet[];
}

export const initialRuleSetState: RuleSetState = { adoptions: [] };

export function evolveRuleSets(state: RuleSetState, e: Envelope<RuleSetEvent>): RuleSetState {
  // One event type: the switch of other streams would have a single case.
  return { adoptions: [...state.adoptions, { ...e.data, eventId: e.id, position: e.position }] };
}
