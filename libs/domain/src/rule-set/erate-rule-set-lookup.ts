import { type CalendarDate } from '../shared/dates';
import { type FactsLookup } from '../shared/facts';
import { builtInErateRuleSets, type ErateRuleSet, ruleSetForDate, ruleSetForFundingYear } from './erate-rule-sets';
import { erateRuleSetOf } from './adoption';
import { ERATE_RULE_SET_STREAM } from './events';
import { type RuleSetState } from './state';

/** A rule set the ledger knows at one position, with where it was recorded and whether it is in force. */
export interface KnownErateRuleSet {
  ruleSet: ErateRuleSet;
  builtIn: boolean;
  /** The adoption that recorded it; null for a built-in not yet recorded (it is known all the same). */
  recorded: { eventId: string; position: number; adoptedOn: CalendarDate } | null;
  supersedes: string | null;
  supersededBy: string | null;
  inForce: boolean;
}

/**
 * Built-ins ∪ adoptions on the rule-set stream, in order: built-ins first (always known, so replay at a
 * position before they were recorded gives the same figures), then adopted sets in recorded order. A
 * set another adoption supersedes is out of force.
 */
export function knownErateRuleSets(state: RuleSetState | undefined): KnownErateRuleSet[] {
  const adoptions = state?.adoptions ?? [];
  const recordedOf = (id: string) => {
    const a = adoptions.find((x) => x.id === id);
    return a ? { eventId: a.eventId, position: a.position, adoptedOn: a.adoptedOn } : null;
  };
  const builtIns = builtInErateRuleSets.map((ruleSet) => ({
    ruleSet,
    builtIn: true,
    recorded: recordedOf(ruleSet.id),
    supersedes: null,
  }));
  const adopted = adoptions
    .filter((a) => !builtInErateRuleSets.some((b) => b.id === a.id))
    .map((a) => ({
      ruleSet: erateRuleSetOf(a),
      builtIn: false,
      recorded: recordedOf(a.id),
      supersedes: a.supersedes ?? null,
    }));
  return [...builtIns, ...adopted].map((k) => {
    const supersededBy = adoptions.find((a) => a.supersedes === k.ruleSet.id)?.id ?? null;
    return { ...k, supersededBy, inForce: supersededBy === null };
  });
}

export const erateRuleSetsAsOf = (facts: FactsLookup): KnownErateRuleSet[] =>
  knownErateRuleSets(facts.state<RuleSetState>(ERATE_RULE_SET_STREAM));

const inForce = (facts: FactsLookup): ErateRuleSet[] =>
  erateRuleSetsAsOf(facts)
    .filter((k) => k.inForce)
    .map((k) => k.ruleSet);

/** A set by id, in force or superseded, as of the lookup's position. */
export const erateRuleSetNamed = (facts: FactsLookup, id: string): ErateRuleSet | undefined =>
  erateRuleSetsAsOf(facts).find((k) => k.ruleSet.id === id)?.ruleSet;

/**
 * The in-force set whose funding years cover `fundingYear`, or none: E-Rate figures are set per funding year (47 CFR §
 * 54.507(a), FCC 19-117).
 */
export const erateRuleSetForFundingYear = (facts: FactsLookup, fundingYear: number): ErateRuleSet | undefined =>
  ruleSetForFundingYear(inForce(facts), fundingYear);

/**
 * The set a fact without a funding year is judged by: the one it names, else the one for its date
 * (`ruleSetForDate`). Deciders refuse a name the ledger does not know; a donation recorded before its
 * decider checked names is judged by its date, as it always was. Some set is always in force (a
 * superseded set's successor is), so a recorded fact always has one.
 */
export function erateRuleSetOnDate(facts: FactsLookup, named: string | undefined, date: CalendarDate): ErateRuleSet {
  const found =
    (named !== undefined ? erateRuleSetNamed(facts, named) : undefined) ?? ruleSetForDate(inForce(facts), date);
  if (!found) throw new RangeError(`No E-Rate rule set for ${date} as of position ${facts.position}`);
  return found;
}

/**
 * The set a funding request is judged by: the one its draft names, else the in-force set for its funding year; none
 * when no set covers it.
 */
export const erateRuleSetForRequest = (
  facts: FactsLookup,
  named: string | undefined,
  fundingYear: number,
): ErateRuleSet | undefined =>
  named !== undefined ? erateRuleSetNamed(facts, named) : erateRuleSetForFundingYear(facts, fundingYear);
