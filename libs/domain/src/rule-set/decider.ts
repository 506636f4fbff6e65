import { type Decider, type RecordFact } from '../shared/decider';
import { DomainError } from '../shared/errors';
import { builtInErateRuleSets } from './erate-rule-sets';
import { type ErateRuleSetAdopted, sameContent } from './adoption';
import { knownErateRuleSets } from './erate-rule-set-lookup';
import { ERATE_RULE_SET_STREAM, type RuleSetEvent } from './events';
import { erateRuleSetErrors } from './rule-set-validation';
import { evolveRuleSet, initialRuleSetState, type RuleSetState } from './state';

const refuse = (code: string, message: string): never => {
  throw new DomainError(code, message);
};

const yearsOf = (y: ErateRuleSetAdopted['fundingYears']): string =>
  `FY${y.first}–${y.last === undefined ? 'open' : `FY${y.last}`}`;
const overlap = (a: ErateRuleSetAdopted['fundingYears'], b: ErateRuleSetAdopted['fundingYears']): boolean =>
  a.first <= (b.last ?? Infinity) && b.first <= (a.last ?? Infinity);

/**
 * Refuses a rule set the ledger could not apply or that would leave a funding year with two sets: a bad
 * figure (`rule-set-invalid`, naming the field), an id already adopted, a built-in id with other
 * content, a `supersedes` naming no known set or one already out of force, and funding years that
 * overlap an in-force set it does not supersede. Recording a built-in with its own content always
 * succeeds once: it is known already, the record shows it in the log.
 */
function decideRuleSet(command: RecordFact<RuleSetEvent>, state: RuleSetState): RuleSetEvent[] {
  const { event, stream } = command;
  if (stream !== ERATE_RULE_SET_STREAM)
    refuse('rule-set-stream-unknown', `E-Rate rule sets are recorded on ${ERATE_RULE_SET_STREAM}, not ${stream}`);
  const a = event.data;
  const errors = erateRuleSetErrors(a);
  if (errors.length > 0)
    refuse(
      'rule-set-invalid',
      `Rule set ${a.id} is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
    );
  const builtIn = builtInErateRuleSets.find((b) => b.id === a.id);
  if (builtIn && !sameContent(a, builtIn))
    refuse(
      'rule-set-builtin-mismatch',
      `${a.id} is a built-in rule set; an adoption under its id must carry exactly its content. Adopt a new id that supersedes it`,
    );
  const earlier = state.adoptions.find((x) => x.id === a.id);
  if (earlier)
    refuse(
      'rule-set-duplicate',
      `Rule set ${a.id} was already adopted on ${earlier.adoptedOn} (event ${earlier.eventId}); adopt a new id that supersedes it`,
    );
  if (builtIn) return [event];
  const known = knownErateRuleSets(state);
  if (a.supersedes !== undefined) {
    const target = known.find((k) => k.ruleSet.id === a.supersedes);
    if (!target)
      refuse(
        'rule-set-unknown',
        `Rule set ${a.supersedes} is not known (${known.map((k) => k.ruleSet.id).join(', ')})`,
      );
    if (target && !target.inForce)
      refuse(
        'rule-set-already-superseded',
        `Rule set ${a.supersedes} was already superseded by ${target.supersededBy}`,
      );
  }
  const clash = known.filter(
    (k) => k.inForce && k.ruleSet.id !== a.supersedes && overlap(k.ruleSet.fundingYears, a.fundingYears),
  );
  if (clash.length > 0) {
    refuse(
      'rule-set-overlap',
      `Funding years ${yearsOf(a.fundingYears)} of ${a.id} overlap ${clash.map((k) => `${k.ruleSet.id} (${yearsOf(k.ruleSet.fundingYears)})`).join(', ')}, in force; supersede it or choose other years`,
    );
  }
  return [event];
}

export const ruleSetDecider: Decider<RuleSetEvent, RuleSetState> = {
  initialState: initialRuleSetState,
  decide: decideRuleSet,
  evolve: evolveRuleSet,
};
