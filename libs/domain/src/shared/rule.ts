/**
 * A rule is data plus a pure function, and knows where it comes from. Its parameters (bands,
 * thresholds, multipliers, floors, deadlines) live in the rule set, never as literals in `apply`.
 */
export interface Rule<Facts, Outcome, Params = unknown> {
  id: string;
  /** Seed file and section, or the public program rule (47 CFR §, FCC order, USAC page). */
  citation: string;
  apply: (facts: Facts, params: Params) => Outcome;
}

/** One step of a decision trace: what was computed, by which rule, from which events. */
export interface TraceStep {
  step: string;
  ruleId?: string;
  ruleSet?: string;
  citation?: string;
  /** Amounts in cents, rates in basis points, or other scalar inputs and outputs of the step. */
  values: Record<string, number | string | boolean | null>;
  sourceEventIds: string[];
  explanation: string;
}

export interface RuleSet<Params> {
  id: string;
  /** Inclusive calendar date from which the rule set is in force. */
  effectiveFrom: string;
  /** Exclusive end; absent while in force. */
  effectiveTo?: string;
  description: string;
  params: Params;
}

/** The rule set in force on a date; throws when the family has none for that date. */
export function ruleSetInForce<P>(family: readonly RuleSet<P>[], onDate: string): RuleSet<P> {
  const day = onDate.slice(0, 10);
  const found = family.find((r) => r.effectiveFrom <= day && (r.effectiveTo === undefined || day < r.effectiveTo));
  if (!found) throw new RangeError(`No rule set in force on ${day} among ${family.map((r) => r.id).join(', ')}`);
  return found;
}
