import { type Envelope } from '../shared/envelope';
import { assertNever } from '../shared/errors';
import { eventOf } from '../shared/event-of';
import { type ErateRuleSetAdopted } from './adoption';
import { type RuleSetEvent } from './events';

/** An adoption as recorded, with the event and position that recorded it. */
export interface AdoptedErateRuleSet extends ErateRuleSetAdopted {
  eventId: string;
  position: number;
}

export interface RuleSetState {
  adoptions: AdoptedErateRuleSet[];
}

export const initialRuleSetState: RuleSetState = { adoptions: [] };

export function evolveRuleSet(state: RuleSetState, e: Envelope<RuleSetEvent>): RuleSetState {
  const event = eventOf(e);
  switch (event.type) {
    case 'ErateRuleSetAdopted':
      return { adoptions: [...state.adoptions, { ...event.data, eventId: e.id, position: e.position }] };
    default:
      return assertNever(event.type);
  }
}
