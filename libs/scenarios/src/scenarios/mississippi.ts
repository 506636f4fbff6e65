import { type ScenarioDefinition, type ScenarioOptions } from '../scenario-append';
import { runTag, scaledTiers } from '../scaling';
import { stateProgramStory, type StateProgramStory } from '../state-program-story';

const streams = (seed: number) => {
  const tag = runTag('ms', seed);
  return {
    program: `program-${tag}-mississippi-connects`,
    contract: `contract-${tag}-mde-devices`,
    leaPrefix: `applicant-${tag}-district`,
  };
};

/**
 * Mississippi Connects ("Play 5 – Leverage Bulk Purchasing to Optimize Use of Funds"): $200M under SB 3044 and HB 1788,
 * the state covers up
 * to 80% of device costs when the district covers at least 20%, devices delivered configured, on-site
 * repair and replacement through June 2023, 320,000 devices ordered by September 2020.
 */
export function mississippiStory(
  { seed, scale }: ScenarioOptions,
  base = { districts: 140, devices: 320_000, minDistricts: 3 },
): StateProgramStory {
  const s = streams(seed);
  return {
    scenario: 'mississippi',
    seed,
    scale,
    program: {
      stream: s.program,
      name: 'Mississippi Connects',
      usState: 'MS',
      fundingSource:
        'CARES Act Coronavirus Relief Fund via the Equity in Distance Learning Act (SB 3044) and the Pandemic Response Broadband Availability Act (HB 1788)',
      totalFunds: 20_000_000_000,
      // "Mississippi Connects covered up to 80 percent of the device costs … if districts covered at least 20 percent."
      terms: {
        share: { kind: 'fixed-split', stateMaxPercent: 80, districtMinPercent: 20 },
        interlocalAgreementRequired: false,
      },
      establishedOn: '2020-07-01',
    },
    interlocalAgreement: null,
    contracts: [
      {
        stream: s.contract,
        award: {
          name: 'Mississippi Connects device bulk purchase',
          leadState: 'MS',
          vendor: 'Magnolia Learning Devices',
          catalog: [
            {
              itemId: 'laptop-14',
              description: 'Student laptop 14", pre-loaded and configured',
              kind: 'device',
              category: 'device',
              priceTiers: scaledTiers(
                [
                  { minCohortQuantity: 0, unitPrice: 52_900 },
                  { minCohortQuantity: 50_000, unitPrice: 49_900 },
                  { minCohortQuantity: 150_000, unitPrice: 46_900 },
                ],
                scale,
              ),
            },
            {
              itemId: 'tablet-10',
              description: 'Student tablet 10" with keyboard case, pre-loaded',
              kind: 'device',
              category: 'device',
              priceTiers: scaledTiers(
                [
                  { minCohortQuantity: 0, unitPrice: 33_900 },
                  { minCohortQuantity: 80_000, unitPrice: 31_900 },
                ],
                scale,
              ),
            },
            {
              itemId: 'onsite-repair',
              description: 'On-site repair and replacement through June 2023',
              kind: 'service',
              category: 'repair',
              priceTiers: scaledTiers(
                [
                  { minCohortQuantity: 0, unitPrice: 6_900 },
                  { minCohortQuantity: 100_000, unitPrice: 5_900 },
                ],
                scale,
              ),
            },
            {
              itemId: 'security-suite',
              description: 'Security, filtering and device management software',
              kind: 'service',
              category: 'software',
              priceTiers: [{ minCohortQuantity: 0, unitPrice: 2_500 }],
            },
          ],
          termStart: '2020-07-01',
          termEnd: '2021-06-30',
          sla: {
            remedyWithinDays: 5,
            remedies: ['repair', 'replacement', 'service-credit'],
            repairReplacementCoverageEndsOn: '2023-06-30',
          },
          ruleSet: 'coop-naspo-mlti',
          awardedOn: '2020-07-01',
        },
        bundles: [
          {
            need: 'devices',
            tag: 'devices',
            choices: [
              { itemIds: ['laptop-14', 'onsite-repair', 'security-suite'], weight: 5 },
              { itemIds: ['tablet-10', 'onsite-repair', 'security-suite'], weight: 5 },
            ],
          },
        ],
      },
    ],
    leas: {
      baseCount: base.districts,
      minCount: base.minDistricts,
      streamPrefix: s.leaPrefix,
      nameSuffix: 'School District',
      usState: 'MS',
      registeredOn: '2020-06-20',
      medianStudents: 2_200,
    },
    demand: { devices: base.devices, hotspots: 0 },
    ordersFrom: '2020-07-15',
    underAllocatedShare: 0.03,
    costShareBreachShare: 0.03,
    cancelShare: 0.01,
    sla: {
      breachShare: 0.12,
      lateRemedyShare: 0.2,
      openShare: 0.15,
      remedyWithinDays: 5,
      remedies: ['repair', 'replacement', 'service-credit'],
    },
  };
}

export const mississippiScenario: ScenarioDefinition = {
  name: 'mississippi',
  description:
    'Mississippi Connects: 80/20 state/district cost share, on-site repair and replacement SLA with breaches and remedies, 140 districts and 320,000 devices at scale 1',
  generate: (options) => stateProgramStory(mississippiStory(options)),
  highlights: ({ seed }) => ({
    programs: [streams(seed).program],
    fundingRequests: [],
    applicants: [`${streams(seed).leaPrefix}-0001`],
  }),
};
