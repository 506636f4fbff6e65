import {
  applicantComplianceReadModel,
  frnComplianceReadModel,
  programComplianceReadModel,
} from './compliance/compliance-read-models';
import {
  assetRegisterReadModel,
  bidRecordReadModel,
  erateRuleSetsAsOf,
  erateStreams,
  fundingRequestReadModel,
  ruleSetsReadModel,
} from './erate';
import { type FactsLookup } from './shared/facts';
import { type StreamDefinition } from './shared/decider';
import { type ReadModel } from './shared/read-model';
import { type RuleSet } from './shared/rule';
import {
  cooperativeContractRuleSets,
  orderViewReadModel,
  programDashboardReadModel,
  stateProgramRuleSets,
  stateProgramStreams,
  stateProgramUpcasters,
  type DomainUpcaster,
} from './state-programs';

/** Every stream integrations may write, and every read model the ledger serves. */
export const ledgerStreams: readonly StreamDefinition[] = [
  ...stateProgramStreams,
  ...erateStreams,
] as readonly StreamDefinition[];

export const ledgerReadModels: readonly ReadModel<unknown>[] = [
  fundingRequestReadModel,
  assetRegisterReadModel,
  bidRecordReadModel,
  programDashboardReadModel,
  orderViewReadModel,
  applicantComplianceReadModel,
  frnComplianceReadModel,
  programComplianceReadModel,
  ruleSetsReadModel,
] as readonly ReadModel<unknown>[];

/**
 * Upcasters for stored events of older schema versions, applied on every read before folding (stored bytes never
 * change).
 */
export const ledgerUpcasters: readonly DomainUpcaster[] = [...stateProgramUpcasters];

/**
 * Every rule set the ledger knows as of a lookup's position, for audit exports: the E-Rate sets built in
 * and adopted on the rule-set stream, then the state-program and cooperative-contract sets.
 */
export const ledgerRuleSetsAsOf = (facts: FactsLookup): readonly RuleSet<unknown>[] =>
  [
    ...erateRuleSetsAsOf(facts).map((k) => k.ruleSet),
    ...Object.values(stateProgramRuleSets),
    ...Object.values(cooperativeContractRuleSets),
  ] as readonly RuleSet<unknown>[];
