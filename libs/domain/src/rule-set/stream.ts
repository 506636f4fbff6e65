import { type StreamDefinition } from '../shared/decider';
import { adoptionOf, erate2030 } from '../rules/erate/erate-rule-sets';
import { ruleSetDecider } from './decider';
import { type RuleSetEvent, ruleSetEventValidators } from './events';
import { type RuleSetState } from './state';

/** `ruleset-erate`: the E-Rate rule sets in the ledger, the built-ins first (recorded on first start), then every adoption. */
export const ruleSetStream: StreamDefinition<RuleSetEvent, RuleSetState> = {
  prefix: 'ruleset',
  description: 'E-Rate rule sets: funding years, every figure the rules use and its public sources; superseding takes a set out of force',
  events: {
    ErateRuleSetAdopted: {
      validate: ruleSetEventValidators.ErateRuleSetAdopted, schemaVersion: 1,
      description: 'An E-Rate rule set was adopted for its funding years (built-ins are recorded on first start)',
      example: adoptionOf(erate2030, '2026-12-01'),
    },
  },
  decider: ruleSetDecider,
  links: () => [],
};
