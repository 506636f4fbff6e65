import { usd, type Cents } from '@ledger/domain';
import { fact } from '@ledger/domain/testing';
import { type FactToPost } from '../support/recorded-facts';

/**
 * The facts of the domain's state-program specs (libs/domain/src/program-dashboard/state-program-fixtures.ts),
 * payload for payload, with every stream id suffixed by a scenario tag: one ledger serves several
 * scenarios, and a shared program or contract would mix their figures (volume tiers count the whole
 * cohort of a contract).
 */
export interface StatePrograms {
  ms: string;
  tx: string;
  mlti: string;
  msConnectsEstablished(totalFunds?: Cents): FactToPost;
  txConnectivityEstablished(): FactToPost[];
  mltiJoinedByMsAndTx(): FactToPost[];
  registered(applicant: string, overrides?: Record<string, unknown>): FactToPost;
  orderPlaced(order: string, p: Placement): FactToPost;
}

export interface OrderLine {
  itemId: string;
  kind: 'device' | 'hotspot';
  quantity: number;
  unitPrice: Cents;
}

export interface Placement {
  program: string;
  applicant: string;
  lines: OrderLine[];
  stateShare: Cents;
  districtShare: Cents;
  placedOn?: string;
}

export const chromebooks = (quantity: number, unitPrice: Cents = usd(300)): OrderLine => ({ itemId: 'chromebook', kind: 'device', quantity, unitPrice });
export const hotspots = (quantity: number, unitPrice: Cents = usd(100)): OrderLine => ({ itemId: 'hotspot', kind: 'hotspot', quantity, unitPrice });

const jackson = {
  name: 'Jackson Public Schools',
  kind: 'school-district',
  usState: 'MS',
  students: 20_000,
  nslpEligibleStudents: 18_000,
  economicallyDisadvantagedStudents: 17_000,
  locale: 'urban',
  cep: true,
  memberApplicantIds: [],
};

export function statePrograms(tag: string): StatePrograms {
  const ms = `program-ms-connects-${tag}`;
  const tx = `program-tx-connectivity-${tag}`;
  const mlti = `contract-mlti-2020-${tag}`;
  return {
    ms,
    tx,
    mlti,
    msConnectsEstablished: (totalFunds = usd(200_000_000)) =>
      fact(ms, 'ProgramEstablished', {
        name: 'Mississippi Connects',
        usState: 'MS',
        fundingSource: 'CARES Act CRF via SB 3044 and HB 1788',
        totalFunds,
        costShare: { kind: 'fixed-split', stateMaxPercent: 80, districtMinPercent: 20 },
        ruleSet: 'state-ms-connects-2020',
        establishedOn: '2020-07-01',
      }),
    txConnectivityEstablished: () => [
      fact(tx, 'ProgramEstablished', {
        name: 'Operation Connectivity',
        usState: 'TX',
        fundingSource: 'CARES Act via TEA',
        totalFunds: usd(200_000_000),
        costShare: { kind: 'matching-by-economically-disadvantaged-share', tableId: 'tea-operation-connectivity-2020' },
        ruleSet: 'state-tx-connectivity-2020',
        establishedOn: '2020-07-17',
      }),
      fact(tx, 'ParticipationRequirementSet', { requirement: 'interlocal-agreement', esc: 'Region 4 ESC', deadline: '2020-08-31', setOn: '2020-07-17' }),
    ],
    mltiJoinedByMsAndTx: () => [
      fact(mlti, 'CooperativeContractAwarded', {
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
              { minCohortQuantity: 0, unitPrice: usd(300) },
              { minCohortQuantity: 1_000, unitPrice: usd(280) },
              { minCohortQuantity: 5_000, unitPrice: usd(250) },
            ],
          },
          { itemId: 'hotspot', description: 'LTE hotspot', kind: 'hotspot', category: 'hotspot', priceTiers: [{ minCohortQuantity: 0, unitPrice: usd(100) }] },
          { itemId: 'pd-day', description: 'Professional development day', kind: 'service', category: 'professional-development', priceTiers: [{ minCohortQuantity: 0, unitPrice: usd(2_500) }] },
        ],
        termStart: '2020-07-01',
        termEnd: '2024-06-30',
        sla: { remedyWithinDays: 5, remedies: ['repair', 'replacement'], repairReplacementCoverageEndsOn: '2023-06-30' },
        ruleSet: 'coop-naspo-mlti',
        awardedOn: '2020-06-15',
      }),
      fact(mlti, 'ParticipatingAddendumSigned', { usState: 'MS', role: 'purchasing-aggregator', signedOn: '2020-06-20' }),
      fact(mlti, 'ParticipatingAddendumSigned', { usState: 'TX', role: 'master-contract', signedOn: '2020-06-20' }),
    ],
    registered: (applicant, overrides = {}) => fact(applicant, 'ApplicantRegistered', { ...jackson, ...overrides }),
    orderPlaced: (order, p) =>
      fact(order, 'OrderPlaced', { program: p.program, contract: mlti, applicant: p.applicant, placedOn: p.placedOn ?? '2020-08-01', lines: p.lines, stateShare: p.stateShare, districtShare: p.districtShare }),
  };
}
