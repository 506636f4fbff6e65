import { type LedgerClient } from '@ledger/client';
import { usd } from '@ledger/domain';
import {
  chromebooks,
  fact,
  fundsAllocated,
  hotspots,
  mltiAwarded,
  msConnectsEstablished,
  orderPlaced,
  registered,
  type FactToRecord,
} from '@ledger/domain/testing';

/**
 * A small Mississippi Connects program recorded through the HTTP API (the way an integration would),
 * from the domain's state-program fixtures: the program, the MLTI contract, LEAs with $1,000,000
 * allocations each, and orders of $300 Chromebooks and $100 hotspots placed on demand.
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

/** Records one fact the way an integration would, one append each; returns its ledger position. */
const post = async (client: LedgerClient, f: FactToRecord): Promise<number> =>
  (await client.append(f.stream, [{ type: f.type, data: f.data as Record<string, unknown> }])).positions[0]!;

export async function establishStateProgram(
  client: LedgerClient,
  tag: string,
  leaNames: string[] = ['Jackson Public Schools', 'Biloxi Public Schools'],
): Promise<StateProgramLedger> {
  const programId = `ms-${tag}`;
  const program = `program-${programId}`;
  const contract = `contract-mlti-${tag}`;
  await post(client, msConnectsEstablished(usd(200_000_000), program));
  await post(client, mltiAwarded(contract));
  const applicants: string[] = [];
  for (const [i, name] of leaNames.entries()) {
    const applicant = `applicant-${tag}-${i}`;
    applicants.push(applicant);
    await post(client, registered(applicant, { name }));
    await post(client, fundsAllocated(applicant, usd(1_000_000), program));
  }
  const orders: string[] = [];
  const placeOrder = async (lea: number, devices: number, hotspotCount: number): Promise<number> => {
    const applicant = applicants[lea];
    if (!applicant) throw new Error(`No LEA ${lea}`);
    const order = `order-${tag}-${orders.length}`;
    orders.push(order);
    const lines = [chromebooks(devices), hotspots(hotspotCount)].filter((line) => line.quantity > 0);
    const total = lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
    const stateShare = (total * 80) / 100;
    return post(
      client,
      orderPlaced(order, { program, contract, applicant, lines, stateShare, districtShare: total - stateShare }),
    );
  };
  const reportBreach = (order: string, breachId: string, units: number): Promise<number> =>
    post(
      client,
      fact(order, 'SlaBreachReported', {
        breachId,
        reportedOn: '2020-09-01',
        description: 'Devices arrived damaged',
        units,
      }),
    );
  return { programId, program, contract, applicants, placeOrder, reportBreach, orders };
}
