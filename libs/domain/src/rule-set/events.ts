import { type StreamDefinition } from '../shared/decider';
import { type DomainEvent } from '../shared/envelope';
import { type FieldError } from '../shared/errors';
import { arrayOf, calendarDate, type Check, optional, text, validator } from '../shared/validation';
import { erate2030 } from './erate-rule-sets';
import { adoptionOf, type ErateRuleSetAdopted } from './adoption';

/** The one stream that holds the E-Rate rule sets in the ledger. */
export const ERATE_RULE_SET_STREAM = 'ruleset-erate';

/** Rule-set ids as event metadata names them (`metadata.ruleSet`). */
export const RULE_SET_ID = /^[a-z0-9][a-z0-9.-]{0,63}$/;

export type RuleSetEvent = DomainEvent<'ErateRuleSetAdopted', ErateRuleSetAdopted>;

const err = (field: string, message: string): FieldError[] => [{ field, message }];

export const ruleSetId: Check = (v, f) =>
  typeof v === 'string' && RULE_SET_ID.test(v)
    ? []
    : err(f, 'must be a rule-set id: lower-case letters, digits, . and -, at most 64');
export const fundingYear: Check = (v, f) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1998 && v <= 2200
    ? []
    : err(f, 'must be a funding year from 1998 to 2200');

export const ruleSetEvents: StreamDefinition<RuleSetEvent>['events'] = {
  ErateRuleSetAdopted: {
    description: 'An E-Rate rule set was adopted for its funding years (built-ins are recorded on first start)',
    schemaVersion: 1,
    // The envelope of an adoption. `params` is only required to be an object here: its every field is
    // checked by the decider (`erateRuleSetErrors`), so a set that is wrong in substance is a 422 naming
    // the rule and the field, like every other refused fact.
    validate: validator({
      id: ruleSetId,
      description: text,
      fundingYears: (v, f) =>
        v !== null && typeof v === 'object' && !Array.isArray(v) ? [] : err(f, 'must be an object { first, last? }'),
      params: (v, f) =>
        v !== null && typeof v === 'object' && !Array.isArray(v)
          ? []
          : err(f, 'must be an object of E-Rate parameters'),
      sources: arrayOf(text, { max: 100 }),
      unconfirmed: arrayOf(text, { max: 100 }),
      supersedes: optional(ruleSetId),
      adoptedOn: calendarDate,
    }),
    example: adoptionOf(erate2030, '2026-12-01'),
  },
};
