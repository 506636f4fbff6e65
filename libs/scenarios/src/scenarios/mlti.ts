import { addDays, volumeTierRule, type CatalogItem, type OrderLine } from '@ledger/domain';
import { AppendRecorder } from '../append-recorder';
import { PLACE_NAMES } from '../place-names';
import { type ScenarioAppend, type ScenarioDefinition, type ScenarioOptions } from '../scenario-append';
import { apportioned, padded, runTag, scaled, scaledTiers } from '../scaling';
import { SeededRandom } from '../seeded-random';

const streams = (seed: number) => {
  const tag = runTag('mlti', seed);
  return {
    contract: `contract-${tag}-naspo-learning-technology`,
    mePrefix: `applicant-${tag}-me-sau`,
    nvPrefix: `applicant-${tag}-nv-district`,
  };
};

const tiers = (scale: number, ...pairs: [number, number][]) =>
  scaledTiers(
    pairs.map(([minCohortQuantity, unitPrice]) => ({ minCohortQuantity, unitPrice })),
    scale,
  );

/**
 * The whole suite of services the MLTI contract covers ("How States Can Leverage Purchasing Power to Support 1:1
 * Learning"), devices priced by cohort size.
 */
const catalog = (scale: number): CatalogItem[] => [
  {
    itemId: 'ipad',
    description: 'iPad (iOS) with MDM enrolment',
    kind: 'device',
    category: 'device',
    priceTiers: tiers(scale, [0, 31_900], [25_000, 29_900], [60_000, 27_400]),
  },
  {
    itemId: 'macbook-air',
    description: 'MacBook Air (Mac OS)',
    kind: 'device',
    category: 'device',
    priceTiers: tiers(scale, [0, 89_900], [10_000, 84_900], [30_000, 79_900]),
  },
  {
    itemId: 'windows-laptop',
    description: 'Windows 10 laptop',
    kind: 'device',
    category: 'device',
    priceTiers: tiers(scale, [0, 54_900], [10_000, 51_900]),
  },
  {
    itemId: 'chromebook',
    description: 'Chromebook with management license',
    kind: 'device',
    category: 'device',
    priceTiers: tiers(scale, [0, 27_900], [10_000, 25_900], [20_000, 23_900]),
  },
  {
    itemId: 'warranty-4yr',
    description: 'Four-year warranty',
    kind: 'service',
    category: 'warranty',
    priceTiers: tiers(scale, [0, 5_900], [50_000, 4_900]),
  },
  {
    itemId: 'repair-service',
    description: 'Repair service with loaner pool',
    kind: 'service',
    category: 'repair',
    priceTiers: [{ minCohortQuantity: 0, unitPrice: 3_500 }],
  },
  {
    itemId: 'tech-support',
    description: 'Technical support help desk, per device per year',
    kind: 'service',
    category: 'technical-support',
    priceTiers: [{ minCohortQuantity: 0, unitPrice: 1_800 }],
  },
  {
    itemId: 'asset-management',
    description: 'Asset management and inventory, per device',
    kind: 'service',
    category: 'asset-management',
    priceTiers: [{ minCohortQuantity: 0, unitPrice: 900 }],
  },
  {
    itemId: 'software-bundle',
    description: 'Productivity and creativity software',
    kind: 'service',
    category: 'software',
    priceTiers: [{ minCohortQuantity: 0, unitPrice: 1_500 }],
  },
  {
    itemId: 'carrying-case',
    description: 'Protective carrying case',
    kind: 'service',
    category: 'carrying-case',
    priceTiers: [{ minCohortQuantity: 0, unitPrice: 2_400 }],
  },
  {
    itemId: 'replacement-pool',
    description: 'Replacement units pool, per device',
    kind: 'service',
    category: 'replacement',
    priceTiers: [{ minCohortQuantity: 0, unitPrice: 1_200 }],
  },
  {
    itemId: 'project-management',
    description: 'Deployment project management, per district',
    kind: 'service',
    category: 'project-management',
    priceTiers: [{ minCohortQuantity: 0, unitPrice: 450_000 }],
  },
  {
    itemId: 'pd-day',
    description: 'Professional development day for teachers, IT staff or school leaders',
    kind: 'service',
    category: 'professional-development',
    priceTiers: [{ minCohortQuantity: 0, unitPrice: 250_000 }],
  },
];

interface Cohort {
  usState: 'ME' | 'NV';
  prefix: string;
  count: number;
  devices: number;
  platforms: readonly string[];
  registeredOn: string;
  quotesFrom: string;
}

/**
 * The Multi-State Learning Technology Initiative ("How States Can Leverage Purchasing Power to Support 1:1 Learning"):
 * a NASPO cooperative
 * services contract led by Maine with Vermont and Hawaii (2013), Nevada joining in 2016 for Nevada
 * Ready 21; 80,000 Maine devices and 20,000 Nevada devices at scale 1, quoted per district under the
 * contract with the whole suite of services.
 */
function* mltiStory({ seed, scale }: ScenarioOptions): Generator<ScenarioAppend> {
  const rec = new AppendRecorder('mlti', seed);
  const s = streams(seed);
  const items = catalog(scale);
  yield rec.fact(
    s.contract,
    'CooperativeContractAwarded',
    {
      name: 'Multi-State Learning Technology Initiative (MLTI) learning technology solutions',
      leadState: 'ME',
      vendor: 'Learning Technology Partners',
      catalog: items,
      termStart: '2013-07-01',
      termEnd: '2017-06-30',
      sla: {
        remedyWithinDays: 3,
        remedies: ['repair', 'replacement', 'service-credit'],
        repairReplacementCoverageEndsOn: '2017-06-30',
      },
      ruleSet: 'coop-naspo-mlti',
      awardedOn: '2013-06-01',
    },
    '2013-06-01',
  );
  const addenda: [string, string, string][] = [
    ['ME', 'master-contract', '2013-06-15'],
    ['ME', 'purchasing-aggregator', '2013-06-15'],
    ['ME', 'program-coordinator', '2013-07-01'],
    ['VT', 'master-contract', '2013-07-10'],
    ['HI', 'master-contract', '2013-08-01'],
    ['NV', 'master-contract', '2016-03-01'],
    ['NV', 'purchasing-aggregator', '2016-03-01'],
  ];
  for (const [usState, role, signedOn] of addenda)
    yield rec.fact(s.contract, 'ParticipatingAddendumSigned', { usState, role, signedOn }, signedOn);
  yield rec.fact(
    s.contract,
    'ContractExtended',
    { termEnd: '2021-06-30', repairReplacementCoverageEndsOn: '2021-06-30', extendedOn: '2017-05-15' },
    '2017-05-15',
  );

  const cohorts: Cohort[] = [
    {
      usState: 'ME',
      prefix: s.mePrefix,
      count: scaled(200, scale, 2),
      devices: Math.round(80_000 * scale),
      platforms: ['ipad', 'ipad', 'macbook-air', 'windows-laptop'],
      registeredOn: '2013-05-01',
      quotesFrom: '2013-07-15',
    },
    {
      usState: 'NV',
      prefix: s.nvPrefix,
      count: scaled(17, scale, 1),
      devices: Math.round(20_000 * scale),
      platforms: ['chromebook'],
      registeredOn: '2016-02-01',
      quotesFrom: '2016-03-15',
    },
  ];
  const cohortQuantity = new Map<string, number>();
  for (const c of cohorts) {
    const sizes = Array.from({ length: c.count }, (_, i) =>
      new SeededRandom(`mlti/${seed}/${c.usState}/${i}`).logNormal(c.usState === 'ME' ? 700 : 9_000, 1, 40, 320_000),
    );
    const studentSum = sizes.reduce((a, b) => a + b, 0);
    let before = 0;
    for (let i = 0; i < c.count; i++) {
      const rnd = new SeededRandom(`mlti/${seed}/${c.usState}/${i}/quote`);
      const students = sizes[i]!;
      const devices = apportioned(c.devices, before, students, studentSum);
      before += students;
      const applicant = `${c.prefix}-${padded(i + 1)}`;
      const ed = Math.round((students * rnd.int(20, 70)) / 100);
      yield rec.fact(
        applicant,
        'ApplicantRegistered',
        {
          name:
            c.usState === 'ME'
              ? `${PLACE_NAMES[i % PLACE_NAMES.length]!} School Department${i >= PLACE_NAMES.length ? ` ${Math.floor(i / PLACE_NAMES.length) + 1}` : ''}`
              : `${PLACE_NAMES[(i + 7) % PLACE_NAMES.length]!} County School District`,
          kind: 'school-district',
          usState: c.usState,
          students,
          nslpEligibleStudents: ed,
          economicallyDisadvantagedStudents: ed,
          locale: rnd.chance(0.6) ? 'rural' : 'urban',
          cep: false,
          memberApplicantIds: [],
        },
        c.registeredOn,
      );
      if (devices === 0) continue;
      const platform = rnd.pick(c.platforms);
      const price = (itemId: string, quantity: number): OrderLine => {
        const item = items.find((x) => x.itemId === itemId)!;
        const through = (cohortQuantity.get(itemId) ?? 0) + quantity;
        cohortQuantity.set(itemId, through);
        return {
          itemId,
          kind: item.kind,
          quantity,
          unitPrice: volumeTierRule.apply({ cohortQuantity: through }, item.priceTiers).reached.unitPrice,
        };
      };
      const quotedOn = addDays(c.quotesFrom, rnd.int(0, 60));
      const lines = [
        price(platform, devices),
        price('warranty-4yr', devices),
        price('repair-service', devices),
        price('tech-support', devices),
        price('asset-management', devices),
        price('software-bundle', devices),
        price('carrying-case', devices),
        price('replacement-pool', Math.max(1, Math.round(devices / 50))),
        price('project-management', 1),
        price('pd-day', Math.max(1, Math.round(devices / 400))),
      ];
      yield rec.fact(
        `order-${applicant.slice('applicant-'.length)}-deployment`,
        'QuoteReceived',
        { contract: s.contract, quotedOn, lines },
        quotedOn,
      );
    }
  }
}

export const mltiScenario: ScenarioDefinition = {
  name: 'mlti',
  description:
    'MLTI multi-state cooperative services contract: devices, warranty, repair, support, asset management, software, cases, replacements, project management and professional development; ME/VT/HI/NV participating addenda; 80,000 Maine and 20,000 Nevada devices quoted at scale 1',
  generate: mltiStory,
  highlights: ({ seed }) => ({ programs: [], fundingRequests: [], applicants: [`${streams(seed).mePrefix}-0001`] }),
};
