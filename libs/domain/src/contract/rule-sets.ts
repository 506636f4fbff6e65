import { type RuleSet } from '../shared/rule';

export interface CooperativeContractParams {
  /** Whether cancelled orders still count toward the cohort quantity that sets the volume tier. */
  cohortCountsCancelledOrders: boolean;
}

/** NASPO ValuePoint / MLTI cooperative contract: the cohort of all participating orders sets the volume tier. */
export const coopNaspoMlti: RuleSet<CooperativeContractParams> = {
  id: 'coop-naspo-mlti',
  effectiveFrom: '2013-01-01',
  description:
    'MLTI cooperative contract: suite of services, volume tiers by cohort quantity, SLA remedies, repair/replacement coverage end.',
  params: { cohortCountsCancelledOrders: false },
};

export const cooperativeContractRuleSets: Readonly<Record<string, RuleSet<CooperativeContractParams>>> = {
  [coopNaspoMlti.id]: coopNaspoMlti,
};

export const COOPERATIVE_CONTRACT_RULE_SET_IDS: readonly string[] = Object.keys(cooperativeContractRuleSets);
