import { type EventMetadata } from '../src/shared/envelope';
import { usd, type Cents } from '../src/shared/money';
import { fact, Scenario, type FactToRecord } from './scenario';
import { stateProgramStreams } from '../src/state-programs';
import { type OrderLine } from '../src/order/events';
import { type ApplicantProfile } from '../src/applicant/events';
import { type ProgramTerms } from '../src/program/terms';
import { UNCONFIRMED_TX_WORKING_BANDS } from '../src/program/legacy-terms';
import { initialProgramState, type ProgramState } from '../src/program/state';

/**
 * Facts shared by the state-program specs (domain, API and acceptance): Mississippi Connects, Texas
 * Operation Connectivity, one MLTI contract. Each builder takes its stream id last, so a ledger that
 * serves several scenarios can give each its own program and contract.
 */
export const MS = 'program-ms-connects';
export const TX = 'program-tx-connectivity';
export const MLTI = 'contract-mlti-2020';

/**
 * "The state will cover up to 80% of the cost of devices if the district covers at least 20%" ("Play 5 – Leverage Bulk
 * Purchasing to Optimize Use of Funds").
 */
export const MS_TERMS: ProgramTerms = {
  share: { kind: 'fixed-split', stateMaxPercent: 80, districtMinPercent: 20 },
  interlocalAgreementRequired: false,
};

/**
 * Texas's terms as the specs record them: the seed gives no band figures, so these bands are the
 * specs' own working figures, recorded as unconfirmed (and shown as an info finding).
 */
export const TX_TERMS: ProgramTerms = {
  share: {
    kind: 'matching-by-economically-disadvantaged-share',
    bands: [...UNCONFIRMED_TX_WORKING_BANDS],
  },
  interlocalAgreementRequired: true,
  unconfirmed:
    'The seed states only "a state matching component based on the number of economically disadvantaged students" and no band figures',
};

export const newScenario = (): Scenario => new Scenario(stateProgramStreams);

export const msConnectsEstablished = (totalFunds: Cents = usd(200_000_000), program = MS): FactToRecord =>
  fact(program, 'ProgramEstablished', {
    name: 'Mississippi Connects',
    usState: 'MS',
    fundingSource: 'CARES Act CRF via SB 3044 and HB 1788',
    totalFunds,
    terms: MS_TERMS,
    establishedOn: '2020-07-01',
  });

export const txConnectivityEstablished = (program = TX): FactToRecord[] => [
  fact(program, 'ProgramEstablished', {
    name: 'Operation Connectivity',
    usState: 'TX',
    fundingSource: 'CARES Act via TEA',
    totalFunds: usd(200_000_000),
    terms: TX_TERMS,
    establishedOn: '2020-07-17',
  }),
  fact(program, 'ParticipationRequirementSet', {
    requirement: 'interlocal-agreement',
    esc: 'Region 4 ESC',
    deadline: '2020-08-31',
    setOn: '2020-07-17',
  }),
];

export const mltiAwarded = (contract = MLTI): FactToRecord =>
  fact(contract, 'CooperativeContractAwarded', {
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
      {
        itemId: 'hotspot',
        description: 'LTE hotspot',
        kind: 'hotspot',
        category: 'hotspot',
        priceTiers: [{ minCohortQuantity: 0, unitPrice: usd(100) }],
      },
      {
        itemId: 'pd-day',
        description: 'Professional development day',
        kind: 'service',
        category: 'professional-development',
        priceTiers: [{ minCohortQuantity: 0, unitPrice: usd(2_500) }],
      },
    ],
    termStart: '2020-07-01',
    termEnd: '2024-06-30',
    sla: { remedyWithinDays: 5, remedies: ['repair', 'replacement'], repairReplacementCoverageEndsOn: '2023-06-30' },
    ruleSet: 'coop-naspo-mlti',
    awardedOn: '2020-06-15',
  });

/**
 * The MLTI contract as Mississippi and Texas use it: awarded by Maine, joined by both through participating addenda.
 */
export const mltiJoinedByMsAndTx = (contract = MLTI): FactToRecord[] => [
  mltiAwarded(contract),
  fact(contract, 'ParticipatingAddendumSigned', {
    usState: 'MS',
    role: 'purchasing-aggregator',
    signedOn: '2020-06-20',
  }),
  fact(contract, 'ParticipatingAddendumSigned', { usState: 'TX', role: 'master-contract', signedOn: '2020-06-20' }),
];

export const district = (overrides: Partial<ApplicantProfile> = {}): ApplicantProfile => ({
  name: 'Jackson Public Schools',
  kind: 'school-district',
  usState: 'MS',
  students: 20_000,
  nslpEligibleStudents: 18_000,
  economicallyDisadvantagedStudents: 17_000,
  locale: 'urban',
  cep: true,
  memberApplicantIds: [],
  ...overrides,
});

export const registered = (applicant: string, overrides: Partial<ApplicantProfile> = {}): FactToRecord =>
  fact(applicant, 'ApplicantRegistered', district(overrides));

export const fundsAllocated = (
  applicant: string,
  amount: Cents,
  program = MS,
  allocatedOn = '2020-07-15',
): FactToRecord => fact(program, 'ProgramFundsAllocated', { applicant, amount, allocatedOn });

export const chromebooks = (quantity: number, unitPrice: Cents = usd(300)): OrderLine => ({
  itemId: 'chromebook',
  kind: 'device',
  quantity,
  unitPrice,
});
export const hotspots = (quantity: number, unitPrice: Cents = usd(100)): OrderLine => ({
  itemId: 'hotspot',
  kind: 'hotspot',
  quantity,
  unitPrice,
});

export interface Placement {
  program: string;
  applicant: string;
  lines: OrderLine[];
  stateShare: Cents;
  districtShare: Cents;
  placedOn?: string;
  contract?: string;
}

export const orderPlaced = (order: string, p: Placement, metadata?: EventMetadata): FactToRecord =>
  fact(
    order,
    'OrderPlaced',
    {
      program: p.program,
      contract: p.contract ?? MLTI,
      applicant: p.applicant,
      placedOn: p.placedOn ?? '2020-08-01',
      lines: p.lines,
      stateShare: p.stateShare,
      districtShare: p.districtShare,
    },
    metadata,
  );

/** An established program's state that requires an interlocal agreement with each ESC named (deadline 2020-08-31). */
export const programRequiring = (...escs: string[]): ProgramState => ({
  ...initialProgramState,
  established: true,
  requirements: escs.map((esc, i) => ({
    requirement: 'interlocal-agreement',
    esc,
    deadline: '2020-08-31',
    eventId: `req-${i}`,
  })),
});
