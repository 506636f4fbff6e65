import { type CooperativeContractAwarded, type ProgramTerms, UNCONFIRMED_TX_WORKING_BANDS } from '@ledger/domain';
import { type ScenarioDefinition, type ScenarioOptions } from '../scenario-append';
import { runTag, scaledTiers } from '../scaling';
import { stateProgramStory, type StateProgramStory } from '../state-program-story';

/**
 * Operation Connectivity's terms as this scenario records them. The bands are working figures (more
 * disadvantaged → higher match), recorded as unconfirmed: the public source gives no band figures.
 */
export const TEXAS_TERMS: ProgramTerms = {
  share: {
    kind: 'matching-by-economically-disadvantaged-share',
    bands: [...UNCONFIRMED_TX_WORKING_BANDS],
  },
  interlocalAgreementRequired: true,
  unconfirmed:
    'Band figures not confirmed: "Play 5 – Leverage Bulk Purchasing to Optimize Use of Funds" states only "a state matching component based on the number of economically disadvantaged students" and no band figures; these are working figures until TEA\'s published schedule is recorded by amendment.',
};

const streams = (seed: number) => {
  const tag = runTag('tx', seed);
  return {
    program: `program-${tag}-operation-connectivity`,
    devices: `contract-${tag}-region4-devices`,
    hotspots: `contract-${tag}-region4-hotspots`,
    leaPrefix: `applicant-${tag}-lea`,
  };
};

const sla = (coverageEndsOn: string): CooperativeContractAwarded['data']['sla'] => ({
  remedyWithinDays: 10,
  remedies: ['repair', 'replacement'],
  repairReplacementCoverageEndsOn: coverageEndsOn,
});

/**
 * Texas Operation Connectivity ("Play 5 – Leverage Bulk Purchasing to Optimize Use of Funds"): $200M of CARES Act funds
 * through TEA, a
 * state match by economically disadvantaged share, a bulk purchase through the Region 4 ESC that
 * requires an interlocal agreement, and 700,000 devices and 300,000 hotspots requested by over 800 LEAs.
 */
export function texasStory(
  { seed, scale }: ScenarioOptions,
  base = { leas: 812, devices: 700_000, hotspots: 300_000, minLeas: 3 },
): StateProgramStory {
  const s = streams(seed);
  return {
    scenario: 'texas',
    seed,
    scale,
    program: {
      stream: s.program,
      name: 'Operation Connectivity',
      usState: 'TX',
      fundingSource: 'CARES Act Coronavirus Relief Fund via TEA (Governor announcement of July 17, 2020)',
      totalFunds: 20_000_000_000,
      terms: TEXAS_TERMS,
      establishedOn: '2020-07-17',
    },
    interlocalAgreement: {
      esc: 'Region 4 ESC',
      setOn: '2020-07-20',
      deadline: '2020-08-31',
      lateShare: 0.07,
      missingShare: 0.04,
    },
    contracts: [
      {
        stream: s.devices,
        award: {
          name: 'Operation Connectivity bulk purchase: student devices',
          leadState: 'TX',
          vendor: 'Gulf Coast Device Supply',
          catalog: [
            {
              itemId: 'chromebook-11',
              description: 'Chromebook 11" with management license',
              kind: 'device',
              category: 'device',
              priceTiers: scaledTiers(
                [
                  { minCohortQuantity: 0, unitPrice: 28_900 },
                  { minCohortQuantity: 100_000, unitPrice: 26_900 },
                  { minCohortQuantity: 400_000, unitPrice: 24_900 },
                ],
                scale,
              ),
            },
            {
              itemId: 'ipad-10',
              description: 'iPad 10.2" 32GB with rugged case',
              kind: 'device',
              category: 'device',
              priceTiers: scaledTiers(
                [
                  { minCohortQuantity: 0, unitPrice: 29_900 },
                  { minCohortQuantity: 50_000, unitPrice: 27_900 },
                  { minCohortQuantity: 150_000, unitPrice: 25_900 },
                ],
                scale,
              ),
            },
            {
              itemId: 'windows-laptop',
              description: 'Windows 10 laptop 14"',
              kind: 'device',
              category: 'device',
              priceTiers: scaledTiers(
                [
                  { minCohortQuantity: 0, unitPrice: 44_900 },
                  { minCohortQuantity: 50_000, unitPrice: 41_900 },
                ],
                scale,
              ),
            },
            {
              itemId: 'warranty-3yr',
              description: 'Three-year accidental damage warranty',
              kind: 'service',
              category: 'warranty',
              priceTiers: scaledTiers(
                [
                  { minCohortQuantity: 0, unitPrice: 4_900 },
                  { minCohortQuantity: 200_000, unitPrice: 3_900 },
                ],
                scale,
              ),
            },
          ],
          termStart: '2020-07-10',
          termEnd: '2021-12-31',
          sla: sla('2023-06-30'),
          ruleSet: 'coop-naspo-mlti',
          awardedOn: '2020-07-10',
        },
        bundles: [
          {
            need: 'devices',
            tag: 'devices',
            choices: [
              { itemIds: ['chromebook-11', 'warranty-3yr'], weight: 6 },
              { itemIds: ['ipad-10', 'warranty-3yr'], weight: 3 },
              { itemIds: ['windows-laptop'], weight: 1 },
            ],
          },
        ],
      },
      {
        stream: s.hotspots,
        award: {
          name: 'Operation Connectivity bulk purchase: hotspots and data plans',
          leadState: 'TX',
          vendor: 'Pinewood Wireless',
          catalog: [
            {
              itemId: 'lte-hotspot',
              description: 'LTE mobile hotspot',
              kind: 'hotspot',
              category: 'hotspot',
              priceTiers: scaledTiers(
                [
                  { minCohortQuantity: 0, unitPrice: 12_900 },
                  { minCohortQuantity: 100_000, unitPrice: 10_900 },
                  { minCohortQuantity: 200_000, unitPrice: 9_900 },
                ],
                scale,
              ),
            },
            {
              itemId: 'data-plan-12mo',
              description: 'Unlimited data plan, 12 months',
              kind: 'service',
              category: 'connectivity',
              priceTiers: scaledTiers(
                [
                  { minCohortQuantity: 0, unitPrice: 18_000 },
                  { minCohortQuantity: 150_000, unitPrice: 15_000 },
                ],
                scale,
              ),
            },
          ],
          termStart: '2020-07-10',
          termEnd: '2021-12-31',
          sla: sla('2022-06-30'),
          ruleSet: 'coop-naspo-mlti',
          awardedOn: '2020-07-10',
        },
        bundles: [
          { need: 'hotspots', tag: 'hotspots', choices: [{ itemIds: ['lte-hotspot', 'data-plan-12mo'], weight: 1 }] },
        ],
      },
    ],
    leas: {
      baseCount: base.leas,
      minCount: base.minLeas,
      streamPrefix: s.leaPrefix,
      nameSuffix: 'ISD',
      usState: 'TX',
      registeredOn: '2020-06-15',
      medianStudents: 1_100,
    },
    demand: { devices: base.devices, hotspots: base.hotspots },
    ordersFrom: '2020-07-25',
    underAllocatedShare: 0.03,
    costShareBreachShare: 0.01,
    cancelShare: 0.015,
    sla: {
      breachShare: 0.03,
      lateRemedyShare: 0.2,
      openShare: 0.15,
      remedyWithinDays: 10,
      remedies: ['repair', 'replacement'],
    },
  };
}

export const texasScenario: ScenarioDefinition = {
  name: 'texas',
  description:
    'Texas Operation Connectivity: $200M state match by economically disadvantaged share, Region 4 ESC interlocal agreements, 812 LEAs, 700,000 devices and 300,000 hotspots at scale 1',
  generate: (options) => stateProgramStory(texasStory(options)),
  highlights: ({ seed }) => ({
    programs: [streams(seed).program],
    fundingRequests: [],
    applicants: [`${streams(seed).leaPrefix}-0001`],
  }),
};
