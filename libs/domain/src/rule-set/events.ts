import { type CalendarDate } from '../shared/dates';
import { type DomainEvent } from '../shared/envelope';
import { type FieldError } from '../shared/errors';
import { arrayOf, calendarDate, type Check, optional, text, validator } from '../shared/validation';
import { type ErateParams } from '../rules/erate/erate-params';

/** The one stream that holds the E-Rate rule sets in the ledger. */
export const ERATE_RULE_SET_STREAM = 'ruleset-erate';

/** Rule-set ids as event metadata names them (`metadata.ruleSet`). */
export const RULE_SET_ID = /^[a-z0-9][a-z0-9.-]{0,63}$/;

/**
 * An E-Rate rule set was adopted: the funding years it governs, every figure the rules use and the
 * public sources of those figures. `supersedes` takes an earlier set out of force.
 */
export interface ErateRuleSetAdopted {
  id: string;
  description: string;
  /** Funding years it governs, inclusive; `last` absent while no later set is known. */
  fundingYears: { first: number; last?: number };
  params: ErateParams;
  sources: string[];
  unconfirmed: string[];
  supersedes?: string;
  adoptedOn: CalendarDate;
}

export type RuleSetEvent = DomainEvent<'ErateRuleSetAdopted', ErateRuleSetAdopted>;

const err = (field: string, message: string): FieldError[] => [{ field, message }];

export const ruleSetId: Check = (v, f) => (typeof v === 'string' && RULE_SET_ID.test(v) ? [] : err(f, 'must be a rule-set id: lower-case letters, digits, . and -, at most 64'));
export const fundingYear: Check = (v, f) => (typeof v === 'number' && Number.isInteger(v) && v >= 1998 && v <= 2200 ? [] : err(f, 'must be a funding year from 1998 to 2200'));

/**
 * The envelope of an adoption. `params` is only required to be an object here: its every field is
 * checked by the decider (`erateRuleSetErrors`), so a set that is wrong in substance is a 422 naming
 * the rule and the field, like every other refused fact.
 */
export const ruleSetEventValidators: Record<RuleSetEvent['type'], (data: unknown) => FieldError[]> = {
  ErateRuleSetAdopted: validator({
    id: ruleSetId,
    description: text,
    fundingYears: (v, f) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? [] : err(f, 'must be an object { first, last? }')),
    params: (v, f) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? [] : err(f, 'must be an object of E-Rate parameters')),
    sources: arrayOf(text, { max: 100 }),
    unconfirmed: arrayOf(text, { max: 100 }),
    supersedes: optional(ruleSetId),
    adoptedOn: calendarDate,
  }),
};
