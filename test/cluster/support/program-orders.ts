import { type FactToPost } from '../../support/recorded-facts';

/**
 * A Mississippi Connects program buying from one cooperative contract, and orders against it: each order
 * adds devices and hotspots to the program dashboard, so a lost or doubled event changes its figures.
 * Stream ids carry a tag so specs sharing one store keep their figures apart.
 */
export interface ProgramOrders {
  program: string;
  applicant: string;
  /** Program, contract (joined by Mississippi) and one district. */
  setup(): FactToPost[];
  /** Order `n`: 10·n Chromebooks and n hotspots, 80/20 state/district. */
  order(n: number): FactToPost;
}

const CHROMEBOOK_CENTS = 30_000;
const HOTSPOT_CENTS = 10_000;

export function programOrders(tag: string): ProgramOrders {
  const program = `program-ms-connects-${tag}`;
  const contract = `contract-mlti-${tag}`;
  const applicant = `applicant-jackson-${tag}`;
  return {
    program,
    applicant,
    setup: () => [
      {
        stream: program,
        type: 'ProgramEstablished',
        data: {
          name: 'Mississippi Connects',
          usState: 'MS',
          fundingSource: 'CARES Act CRF via SB 3044 and HB 1788',
          totalFunds: 20_000_000_000,
          costShare: { kind: 'fixed-split', stateMaxPercent: 80, districtMinPercent: 20 },
          ruleSet: 'state-ms-connects-2020',
          establishedOn: '2020-07-01',
        },
      },
      {
        stream: contract,
        type: 'CooperativeContractAwarded',
        data: {
          name: 'MLTI Learning Technology Solutions',
          leadState: 'ME',
          vendor: 'Acme Learning Devices',
          catalog: [
            { itemId: 'chromebook', description: 'Chromebook 11" with case', kind: 'device', category: 'device', priceTiers: [{ minCohortQuantity: 0, unitPrice: CHROMEBOOK_CENTS }] },
            { itemId: 'hotspot', description: 'LTE hotspot', kind: 'hotspot', category: 'hotspot', priceTiers: [{ minCohortQuantity: 0, unitPrice: HOTSPOT_CENTS }] },
          ],
          termStart: '2020-07-01',
          termEnd: '2024-06-30',
          sla: { remedyWithinDays: 5, remedies: ['repair', 'replacement'], repairReplacementCoverageEndsOn: '2023-06-30' },
          ruleSet: 'coop-naspo-mlti',
          awardedOn: '2020-06-15',
        },
      },
      { stream: contract, type: 'ParticipatingAddendumSigned', data: { usState: 'MS', role: 'purchasing-aggregator', signedOn: '2020-06-20' } },
      {
        stream: applicant,
        type: 'ApplicantRegistered',
        data: {
          name: 'Jackson Public Schools',
          kind: 'school-district',
          usState: 'MS',
          students: 20_000,
          nslpEligibleStudents: 18_000,
          economicallyDisadvantagedStudents: 17_000,
          locale: 'urban',
          cep: true,
          memberApplicantIds: [],
        },
      },
    ],
    order: (n) => {
      const total = 10 * n * CHROMEBOOK_CENTS + n * HOTSPOT_CENTS;
      return {
        stream: `order-${tag}-${n}`,
        type: 'OrderPlaced',
        data: {
          program,
          contract,
          applicant,
          placedOn: '2020-08-01',
          lines: [
            { itemId: 'chromebook', kind: 'device', quantity: 10 * n, unitPrice: CHROMEBOOK_CENTS },
            { itemId: 'hotspot', kind: 'hotspot', quantity: n, unitPrice: HOTSPOT_CENTS },
          ],
          stateShare: (total * 4) / 5,
          districtShare: total / 5,
        },
      };
    },
  };
}
