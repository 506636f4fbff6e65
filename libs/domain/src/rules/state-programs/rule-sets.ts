import { type RuleSet } from '../../shared/rule';

/**
 * What a state-program rule set holds: the meaning of each kind of term a program may state. The
 * figures (shares, bands, caps) are never here; each program records its own as facts on its stream.
 */
/** The kinds of share a program may state (see program/terms.ts for what each holds). */
export const SHARE_KINDS = ['fixed-split', 'flat-match', 'matching-by-economically-disadvantaged-share'] as const;
export type ShareKind = (typeof SHARE_KINDS)[number];

export interface StateProgramParams {
  shareKinds: readonly ShareKind[];
}

export interface CooperativeContractParams {
  /** Whether cancelled orders still count toward the cohort quantity that sets the volume tier. */
  cohortCountsCancelledOrders: boolean;
}

export const stateProgramTerms: RuleSet<StateProgramParams> = {
  id: 'state-program-terms',
  effectiveFrom: '2020-03-27',
  description: "A program's recorded terms: a fixed split (state maximum, district minimum), a flat match or a match by economically disadvantaged share, caps, eligible items, interlocal agreement.",
  params: { shareKinds: SHARE_KINDS },
};

/** NASPO ValuePoint / MLTI cooperative contract: the cohort of all participating orders sets the volume tier. */
export const coopNaspoMlti: RuleSet<CooperativeContractParams> = {
  id: 'coop-naspo-mlti',
  effectiveFrom: '2013-01-01',
  description: 'MLTI cooperative contract: suite of services, volume tiers by cohort quantity, SLA remedies, repair/replacement coverage end.',
  params: { cohortCountsCancelledOrders: false },
};

export const stateProgramRuleSets: Readonly<Record<string, RuleSet<StateProgramParams>>> = {
  [stateProgramTerms.id]: stateProgramTerms,
};

export const cooperativeContractRuleSets: Readonly<Record<string, RuleSet<CooperativeContractParams>>> = {
  [coopNaspoMlti.id]: coopNaspoMlti,
};

export const STATE_PROGRAM_RULE_SET_IDS: readonly string[] = Object.keys(stateProgramRuleSets);
export const COOPERATIVE_CONTRACT_RULE_SET_IDS: readonly string[] = Object.keys(cooperativeContractRuleSets);
