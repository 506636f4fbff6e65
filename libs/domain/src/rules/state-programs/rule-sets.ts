import { type BasisPoints } from '../../shared/money';
import { type RuleSet } from '../../shared/rule';

/** Mississippi Connects: the state covers up to `stateMaxPercent` of cost if the district pays at least `districtMinPercent`. */
export interface FixedSplitParams {
  kind: 'fixed-split';
  stateMaxPercent: number;
  districtMinPercent: number;
  interlocalAgreementRequired: boolean;
}

/** One band of a match table: districts whose economically disadvantaged share is at least `fromShare` get `matchRate`. */
export interface MatchBand {
  fromShare: BasisPoints;
  matchRate: BasisPoints;
}

export interface MatchingParams {
  kind: 'matching-by-economically-disadvantaged-share';
  /** Bands by table id, ascending by `fromShare`, the first starting at 0. */
  matchTables: Record<string, MatchBand[]>;
  interlocalAgreementRequired: boolean;
}

export type StateProgramParams = FixedSplitParams | MatchingParams;

export interface CooperativeContractParams {
  /** Whether cancelled orders still count toward the cohort quantity that sets the volume tier. */
  cohortCountsCancelledOrders: boolean;
}

export const msConnects2020: RuleSet<FixedSplitParams> = {
  id: 'state-ms-connects-2020',
  effectiveFrom: '2020-03-27',
  description: 'Mississippi Connects (SB 3044, HB 1788): state covers up to 80% of device cost if the district covers at least 20%.',
  params: { kind: 'fixed-split', stateMaxPercent: 80, districtMinPercent: 20, interlocalAgreementRequired: false },
};

/**
 * Texas Operation Connectivity (CARES Act via TEA, Region 4 ESC bulk purchase). The seed says only that
 * the state match is "based on the number of economically disadvantaged students in the district" and
 * that school boards had to approve an interlocal agreement with the Region 4 ESC to participate. The
 * band figures below could not be confirmed against a TEA publication from here: they are this rule
 * set's working table (more disadvantaged → higher match), to be superseded by a new rule-set version
 * once TEA's published table is loaded. Programs name the table by id, so a new table is data, not code.
 */
export const txConnectivity2020: RuleSet<MatchingParams> = {
  id: 'state-tx-connectivity-2020',
  effectiveFrom: '2020-03-27',
  description: 'Texas Operation Connectivity: state match by economically disadvantaged share; ILA with the ESC required before any order counts.',
  params: {
    kind: 'matching-by-economically-disadvantaged-share',
    matchTables: {
      'tea-operation-connectivity-2020': [
        { fromShare: 0, matchRate: 2_500 },
        { fromShare: 4_000, matchRate: 4_000 },
        { fromShare: 6_000, matchRate: 5_000 },
        { fromShare: 8_000, matchRate: 7_500 },
      ],
    },
    interlocalAgreementRequired: true,
  },
};

/** NASPO ValuePoint / MLTI cooperative contract: the cohort of all participating orders sets the volume tier. */
export const coopNaspoMlti: RuleSet<CooperativeContractParams> = {
  id: 'coop-naspo-mlti',
  effectiveFrom: '2013-01-01',
  description: 'MLTI cooperative contract: suite of services, volume tiers by cohort quantity, SLA remedies, repair/replacement coverage end.',
  params: { cohortCountsCancelledOrders: false },
};

export const stateProgramRuleSets: Readonly<Record<string, RuleSet<StateProgramParams>>> = {
  [msConnects2020.id]: msConnects2020,
  [txConnectivity2020.id]: txConnectivity2020,
};

export const cooperativeContractRuleSets: Readonly<Record<string, RuleSet<CooperativeContractParams>>> = {
  [coopNaspoMlti.id]: coopNaspoMlti,
};

export const STATE_PROGRAM_RULE_SET_IDS: readonly string[] = Object.keys(stateProgramRuleSets);
export const COOPERATIVE_CONTRACT_RULE_SET_IDS: readonly string[] = Object.keys(cooperativeContractRuleSets);
