import { type StreamDefinition } from '../shared/decider';
import { ruleSetDecider } from './decider';
import { ruleSetEvents, type RuleSetEvent } from './events';
import { type RuleSetState } from './state';

/**
 * `ruleset-erate`: the E-Rate rule sets in the ledger, the built-ins first (recorded on first start), then every
 * adoption.
 */
export const ruleSetStream: StreamDefinition<RuleSetEvent, RuleSetState> = {
  prefix: 'ruleset',
  description:
    'E-Rate rule sets: funding years, every figure the rules use and its public sources; superseding takes a set out of force',
  events: ruleSetEvents,
  decider: ruleSetDecider,
  links: () => [],
};
