import { type LedgerClient } from '@ledger/client';

/**
 * A small Mississippi Connects-style program recorded through the HTTP API (the way an integration
 * would): the program, one cooperative contract, LEAs with allocations, and orders placed on demand.
 */
export interface StateProgramLedger {
  programId: string;
  program: string;
  contract: string;
  applicants: string[];
  /** Places an order of `devices` chromebooks and `hotspots` hotspots for the n-th LEA; returns its position. */
  placeOrder(lea: number, devices: number, hotspots: number): Promise<number>;
  /** Reports an SLA breach on an order placed earlier. */
  reportBreach(order: string, breachId: string, units: number): Promise<number>;
  orders: string[];
}

const CHROMEBOOK = 30_000;
const HOTSPOT = 10_000;

export async function establishStateProgram(client: LedgerClient, tag: string, leaNames: string[] = ['Jackson Public Schools', 'Biloxi Public Schools']): Promise<StateProgramLedger> {
  const programId = `ms-${tag}`;
  const program = `program-${programId}`;
  const contract = `contract-mlti-${tag}`;
  await client.append(program, [
    {
      type: 'ProgramEstablished',
      data: {
        name: `Mississippi Connects ${tag}`,
        usState: 'MS',
        fundingSource: 'CARES Act CRF via SB 3044 and HB 1788',
        totalFunds: 20_000_000_000,
        costShare: { kind: 'fixed-split', stateMaxPercent: 80, districtMinPercent: 20 },
        ruleSet: 'state-ms-connects-2020',
        establishedOn: '2020-07-01',
      },
    },
  ]);
  await client.append(contract, [
    {
      type: 'CooperativeContractAwarded',
      data: {
        name: 'MLTI Learning Technology Solutions',
        leadState: 'ME',
        vendor: 'Acme Learning Devices',
        catalog: [
          {
            itemId: 'chromebook',
            description: 'Chromebook 11" with case',
            kind: 'device',
            category: 'device',
            priceTiers: [
              { minCohortQuantity: 0, unitPrice: CHROMEBOOK },
              { minCohortQuantity: 1_000, unitPrice: 28_000 },
            ],
          },
          { itemId: 'hotspot', description: 'LTE hotspot', kind: 'hotspot', category: 'hotspot', priceTiers: [{ minCohortQuantity: 0, unitPrice: HOTSPOT }] },
        ],
        termStart: '2020-07-01',
        termEnd: '2024-06-30',
        sla: { remedyWithinDays: 5, remedies: ['repair', 'replacement'], repairReplacementCoverageEndsOn: '2023-06-30' },
        ruleSet: 'coop-naspo-mlti',
        awardedOn: '2020-06-15',
      },
    },
  ]);
  const applicants: string[] = [];
  for (const [i, name] of leaNames.entries()) {
    const applicant = `applicant-${tag}-${i}`;
    applicants.push(applicant);
    await client.append(applicant, [
      {
        type: 'ApplicantRegistered',
        data: { name, kind: 'school-district', usState: 'MS', students: 20_000, nslpEligibleStudents: 18_000, economicallyDisadvantagedStudents: 17_000, locale: 'urban', cep: true, memberApplicantIds: [] },
      },
    ]);
    await client.append(program, [{ type: 'ProgramFundsAllocated', data: { applicant, amount: 100_000_000, allocatedOn: '2020-07-15' } }]);
  }
  const orders: string[] = [];
  const placeOrder = async (lea: number, devices: number, hotspots: number): Promise<number> => {
    const applicant = applicants[lea];
    if (!applicant) throw new Error(`No LEA ${lea}`);
    const order = `order-${tag}-${orders.length}`;
    orders.push(order);
    const total = devices * CHROMEBOOK + hotspots * HOTSPOT;
    const stateShare = (total * 80) / 100;
    const lines = [
      ...(devices > 0 ? [{ itemId: 'chromebook', kind: 'device', quantity: devices, unitPrice: CHROMEBOOK }] : []),
      ...(hotspots > 0 ? [{ itemId: 'hotspot', kind: 'hotspot', quantity: hotspots, unitPrice: HOTSPOT }] : []),
    ];
    const result = await client.append(order, [{ type: 'OrderPlaced', data: { program, contract, applicant, placedOn: '2020-08-01', lines, stateShare, districtShare: total - stateShare } }]);
    return result.positions[0]!;
  };
  const reportBreach = async (order: string, breachId: string, units: number): Promise<number> => {
    const result = await client.append(order, [{ type: 'SlaBreachReported', data: { breachId, reportedOn: '2020-09-01', description: 'Devices arrived damaged', units } }]);
    return result.positions[0]!;
  };
  return { programId, program, contract, applicants, placeOrder, reportBreach, orders };
}
