import { type MatchBand, type ProgramTerms } from './terms';

/**
 * The match bands the retired Texas rule set used as a working table (more disadvantaged → higher
 * match). No public source gives Operation Connectivity's bands: whoever records these records them as
 * unconfirmed, as the upcast terms, the demo scenario and the specs do.
 */
export const UNCONFIRMED_TX_WORKING_BANDS: readonly MatchBand[] = [
  { fromShare: 0, matchRate: 2_500 },
  { fromShare: 4_000, matchRate: 4_000 },
  { fromShare: 6_000, matchRate: 5_000 },
  { fromShare: 8_000, matchRate: 7_500 },
];

/**
 * The terms the built-in rule sets of schema-1 programs held, kept only so a program stream recorded
 * before programs stated their own terms folds as it did. New programs record their terms as facts.
 */
export const LEGACY_RULE_SET_TERMS: Readonly<Record<string, ProgramTerms>> = {
  // "The state will cover up to 80% of the cost of devices if the district covers at least 20%."
  'state-ms-connects-2020': {
    share: { kind: 'fixed-split', stateMaxPercent: 80, districtMinPercent: 20 },
    interlocalAgreementRequired: false,
  },
  'state-tx-connectivity-2020': {
    share: {
      kind: 'matching-by-economically-disadvantaged-share',
      bands: [...UNCONFIRMED_TX_WORKING_BANDS],
    },
    interlocalAgreementRequired: true,
    unconfirmed:
      'Working table of the retired built-in rule set state-tx-connectivity-2020 (table tea-operation-connectivity-2020): "Play 5 – Leverage Bulk Purchasing to Optimize Use of Funds" states only "a state matching component based on the number of economically disadvantaged students" and no band figures; TEA\'s published table was never loaded.',
  },
};
