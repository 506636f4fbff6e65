import { type FactsLookup } from '../shared/facts';
import { type ReadModel } from '../shared/read-model';
import { type ErateParams } from './erate-params';
import { erateRuleSetsAsOf, type KnownErateRuleSet } from './erate-rule-set-lookup';
import { ERATE_RULE_SET_STREAM } from './events';

export interface RuleSetView {
  id: string;
  description: string;
  fundingYears: { first: number; last: number | null };
  sources: string[];
  unconfirmed: string[];
  builtIn: boolean;
  inForce: boolean;
  supersedes: string | null;
  supersededBy: string | null;
  /** The adoption that recorded the set; null for a built-in not yet recorded. */
  recorded: KnownErateRuleSet['recorded'];
  params: ErateParams;
}

export interface RuleSetsView {
  stream: string;
  position: number;
  ruleSets: RuleSetView[];
}

/** Every E-Rate rule set the ledger knows as of the lookup's position (GET /v1/rule-sets, `ledger rules list`). */
export function renderRuleSets(root: string, facts: FactsLookup): RuleSetsView | undefined {
  if (root !== ERATE_RULE_SET_STREAM) return undefined;
  return {
    stream: root,
    position: facts.position,
    ruleSets: erateRuleSetsAsOf(facts).map((k) => ({
      id: k.ruleSet.id,
      description: k.ruleSet.description,
      fundingYears: { first: k.ruleSet.fundingYears.first, last: k.ruleSet.fundingYears.last ?? null },
      sources: k.ruleSet.sources,
      unconfirmed: k.ruleSet.unconfirmed,
      builtIn: k.builtIn,
      inForce: k.inForce,
      supersedes: k.supersedes,
      supersededBy: k.supersededBy,
      recorded: k.recorded,
      params: k.ruleSet.params,
    })),
  };
}

export const ruleSetsReadModel: ReadModel<RuleSetsView> = {
  name: 'rule-sets',
  rootPrefix: 'ruleset',
  render: renderRuleSets,
};
