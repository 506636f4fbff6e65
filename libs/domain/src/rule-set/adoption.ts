import { type CalendarDate } from '../shared/dates';
import { type ErateParams } from './erate-params';
import { type ErateRuleSet } from './erate-rule-sets';

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

/** A rule set as an adoption records it; the dates in force follow from its funding years (July 1 to July 1). */
export function erateRuleSetOf(adoption: ErateRuleSetAdopted): ErateRuleSet {
  const { first, last } = adoption.fundingYears;
  return {
    id: adoption.id,
    description: adoption.description,
    fundingYears: adoption.fundingYears,
    params: adoption.params,
    sources: adoption.sources,
    unconfirmed: adoption.unconfirmed,
    effectiveFrom: `${first}-07-01`,
    ...(last === undefined ? {} : { effectiveTo: `${last + 1}-07-01` }),
  };
}

/** The adoption that records a built-in set on the rule-set stream. */
export const adoptionOf = (set: ErateRuleSet, adoptedOn: CalendarDate): ErateRuleSetAdopted => ({
  id: set.id,
  description: set.description,
  fundingYears: set.fundingYears,
  params: set.params,
  sources: set.sources,
  unconfirmed: set.unconfirmed,
  adoptedOn,
});

/** JSON with keys in order, so two sets compare by content whatever order their fields were written in. */
const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : value !== null && typeof value === 'object'
      ? `{${Object.keys(value)
          .sort()
          .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
          .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(value);

/** Whether an adoption carries exactly a set's content (its date of adoption aside). */
export const sameContent = (adoption: ErateRuleSetAdopted, set: ErateRuleSet): boolean => {
  const { adoptedOn: _adoptedOn, ...content } = adoption;
  const { adoptedOn: _builtInOn, ...builtIn } = adoptionOf(set, adoption.adoptedOn);
  return canonical(content) === canonical(builtIn);
};
