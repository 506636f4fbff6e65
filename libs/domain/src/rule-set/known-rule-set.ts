import { type RelatedStates } from '../shared/decider';
import { type EventMetadata } from '../shared/envelope';
import { DomainError } from '../shared/errors';
import { knownErateRuleSets } from './erate-rule-set-lookup';
import { ERATE_RULE_SET_STREAM } from './events';
import { type RuleSetState } from './state';

/** Deciders of facts whose metadata may name a rule set read the rule-set stream to know every adopted one. */
export const relatedRuleSets = (metadata: EventMetadata): string[] =>
  metadata.ruleSet !== undefined ? [ERATE_RULE_SET_STREAM] : [];

/** Refuses a fact whose metadata names a rule set that is neither built in nor adopted. */
export function assertKnownErateRuleSet(metadata: EventMetadata, related: RelatedStates): void {
  if (metadata.ruleSet === undefined) return;
  const known = knownErateRuleSets(related.get(ERATE_RULE_SET_STREAM) as RuleSetState | undefined);
  if (!known.some((k) => k.ruleSet.id === metadata.ruleSet)) {
    throw new DomainError(
      'unknown-rule-set',
      `Rule set ${String(metadata.ruleSet)} is not an E-Rate rule set (${known.map((k) => k.ruleSet.id).join(', ')})`,
    );
  }
}
