import { usd } from '../../shared/money';
import { fact } from '../../../testing/scenario';
import { programDashboardReadModel } from '../../program-dashboard/program-dashboard-read-model';
import { programFindings } from '../../program-dashboard/program-findings';
import {
  MLTI,
  MS,
  TX,
  chromebooks,
  hotspots,
  mltiAwarded,
  mltiJoinedByMsAndTx,
  msConnectsEstablished,
  newScenario,
  orderPlaced,
  registered,
  txConnectivityEstablished,
} from '../../../testing/state-program-fixtures';
import { volumeTierRule } from './volume-tier-rule';

const JACKSON = 'applicant-jackson';
const HOUSTON = 'applicant-houston-isd';
const split = (total: number) => ({ stateShare: (total * 4) / 5, districtShare: total / 5 });

/** One cohort across two states: Mississippi orders 800 Chromebooks, then a Texas district orders 300 more. */
const givenCohort = (secondUnitPrice = usd(280)) =>
  newScenario().given(
    msConnectsEstablished(),
    ...txConnectivityEstablished(),
    ...mltiJoinedByMsAndTx(),
    registered(JACKSON),
    registered(HOUSTON, { name: 'Houston ISD', usState: 'TX' }),
    fact(HOUSTON, 'ProgramJoined', { program: TX, joinedOn: '2020-07-20' }),
    fact(HOUSTON, 'InterlocalAgreementApproved', { program: TX, esc: 'Region 4 ESC', approvedOn: '2020-07-25' }),
    orderPlaced('order-ms-1', {
      program: MS,
      applicant: JACKSON,
      lines: [chromebooks(800), hotspots(100)],
      ...split(usd(250_000)),
    }),
    orderPlaced('order-tx-1', {
      program: TX,
      applicant: HOUSTON,
      lines: [chromebooks(300, secondUnitPrice)],
      stateShare: usd(0),
      districtShare: 300 * secondUnitPrice,
    }),
  );

describe('MLTI cooperative contract volume tiers (coop-naspo-mlti)', () => {
  it('the cohort across every participating order reaches the second tier; the next tier would save $33,000 on 1,100 units', () => {
    const s = givenCohort();

    const chromebookTier = programDashboardReadModel
      .render(MS, s.facts)
      ?.volumeTiers.find((t) => t.itemId === 'chromebook');

    expect(chromebookTier).toEqual({
      contract: MLTI,
      vendor: 'Acme Learning Devices',
      itemId: 'chromebook',
      description: 'Chromebook 11" with case',
      cohortQuantity: 1_100,
      tierReached: { tier: 2, minCohortQuantity: 1_000, unitPrice: usd(280) },
      nextTier: {
        minCohortQuantity: 5_000,
        unitPrice: usd(250),
        unitsToGo: 3_900,
        savingPerUnit: usd(30),
        savingOnCohortQuantity: usd(33_000),
      },
    });
  });

  it('the top tier has no next tier', () => {
    const tiers = [
      { minCohortQuantity: 0, unitPrice: usd(300) },
      { minCohortQuantity: 1_000, unitPrice: usd(280) },
    ];
    expect(volumeTierRule.apply({ cohortQuantity: 1_000 }, tiers)).toMatchObject({ tierIndex: 1, next: null });
    expect(volumeTierRule.apply({ cohortQuantity: 999 }, tiers)).toMatchObject({
      tierIndex: 0,
      next: { unitsToGo: 1, savingPerUnit: usd(20), savingOnCohortQuantity: usd(19_980) },
    });
  });

  it('an order priced at the first tier after the cohort reached the second is overcharged, in exact cents', () => {
    const s = givenCohort(usd(300));

    expect(programFindings(TX, s.facts).filter((f) => f.severity !== 'info')).toEqual([
      expect.objectContaining({
        ruleId: 'coop.volume-tier.price-above-tier',
        ruleSet: 'coop-naspo-mlti',
        subject: 'order-tx-1',
        message: "chromebook at $300.00 a unit is above the cohort's tier price $280.00: $6,000.00 overcharged",
        sourceEventIds: [s.idOf('CooperativeContractAwarded'), s.idOf('OrderPlaced')],
      }),
    ]);
    // The first order was placed while the cohort was still in the first tier, so its price was right.
    expect(programFindings(MS, s.facts)).toEqual([]);
  });

  it('a cancelled order leaves the cohort', () => {
    const s = givenCohort().given(
      fact('order-tx-1', 'OrderCancelled', { cancelledOn: '2020-08-05', reason: 'duplicate' }),
    );

    expect(
      programDashboardReadModel.render(MS, s.facts)?.volumeTiers.find((t) => t.itemId === 'chromebook'),
    ).toMatchObject({ cohortQuantity: 800, tierReached: { tier: 1 } });
  });
});

describe('SLA breaches and remedies', () => {
  const breach = (reportedOn: string) =>
    fact('order-ms-1', 'SlaBreachReported', {
      breachId: 'b-1',
      reportedOn,
      description: '40 devices do not boot',
      units: 40,
    });

  it('a reported breach is open until its remedy deadline (5 days) and listed on the dashboard', () => {
    const s = givenCohort().given(breach('2021-02-01'));

    const dashboard = programDashboardReadModel.render(MS, s.facts);

    expect(dashboard?.sla.openBreaches).toEqual([
      expect.objectContaining({
        order: 'order-ms-1',
        breachId: 'b-1',
        reportedOn: '2021-02-01',
        remedyDueOn: '2021-02-06',
        status: 'open',
        remedy: null,
      }),
    ]);
    expect(dashboard?.findings).toEqual([]);
  });

  it('once the facts pass the deadline with no remedy, the breach is overdue and a violation', () => {
    const s = givenCohort().given(
      breach('2021-02-01'),
      fact('order-ms-1', 'OrderDelivered', { deliveredOn: '2021-02-10' }),
    );

    const dashboard = programDashboardReadModel.render(MS, s.facts);

    expect(dashboard?.sla.openBreaches[0]?.status).toBe('overdue');
    expect(dashboard?.findings).toEqual([
      expect.objectContaining({
        ruleId: 'coop.sla.remedy-overdue',
        severity: 'violation',
        message: 'SLA breach b-1 reported 2021-02-01 is still open past its remedy deadline 2021-02-06',
        sourceEventIds: [s.idOf('CooperativeContractAwarded'), s.idOf('SlaBreachReported')],
      }),
    ]);
  });

  it('a remedy in time closes the breach: it moves to remedies applied with no finding', () => {
    const s = givenCohort().given(
      breach('2021-02-01'),
      fact('order-ms-1', 'SlaRemedyApplied', { breachId: 'b-1', remedy: 'replacement', appliedOn: '2021-02-04' }),
    );

    const dashboard = programDashboardReadModel.render(MS, s.facts);

    expect(dashboard?.sla.openBreaches).toEqual([]);
    expect(dashboard?.sla.remediesApplied).toEqual([
      expect.objectContaining({
        breachId: 'b-1',
        status: 'remedied',
        remedy: { remedy: 'replacement', appliedOn: '2021-02-04' },
        eventIds: [s.idOf('SlaBreachReported'), s.idOf('SlaRemedyApplied')],
      }),
    ]);
    expect(dashboard?.findings).toEqual([]);
  });

  it('a late remedy closes the breach with a warning', () => {
    const s = givenCohort().given(
      breach('2021-02-01'),
      fact('order-ms-1', 'SlaRemedyApplied', { breachId: 'b-1', remedy: 'repair', appliedOn: '2021-02-09' }),
    );

    expect(programFindings(MS, s.facts)).toEqual([
      expect.objectContaining({ ruleId: 'coop.sla.remedy-overdue', severity: 'warning' }),
    ]);
  });

  it('a breach after repair/replacement coverage ended is flagged, and the dashboard shows coverage expired', () => {
    const s = givenCohort().given(
      breach('2023-07-05'),
      fact('order-ms-1', 'SlaRemedyApplied', { breachId: 'b-1', remedy: 'repair', appliedOn: '2023-07-06' }),
    );

    const dashboard = programDashboardReadModel.render(MS, s.facts);

    expect(dashboard?.sla.coverage).toEqual([
      { contract: MLTI, vendor: 'Acme Learning Devices', repairReplacementCoverageEndsOn: '2023-06-30', expired: true },
    ]);
    expect(dashboard?.findings.map((f) => f.ruleId)).toEqual(['coop.sla.coverage-expired']);
  });

  it('a contract extension moves the coverage end date', () => {
    const s = givenCohort().given(
      fact(MLTI, 'ContractExtended', {
        termEnd: '2026-06-30',
        repairReplacementCoverageEndsOn: '2025-06-30',
        extendedOn: '2023-05-01',
      }),
      breach('2023-07-05'),
      fact('order-ms-1', 'SlaRemedyApplied', { breachId: 'b-1', remedy: 'repair', appliedOn: '2023-07-06' }),
    );

    expect(programDashboardReadModel.render(MS, s.facts)?.sla.coverage[0]).toMatchObject({
      repairReplacementCoverageEndsOn: '2025-06-30',
      expired: false,
    });
    expect(programFindings(MS, s.facts)).toEqual([]);
  });
});

describe('participating addenda (staged state roles)', () => {
  const givenMississippiOrder = (...contractFacts: ReturnType<typeof fact>[]) =>
    newScenario().given(
      msConnectsEstablished(),
      mltiAwarded(),
      ...contractFacts,
      registered(JACKSON),
      orderPlaced('order-ms-1', {
        program: MS,
        applicant: JACKSON,
        lines: [chromebooks(10)],
        ...split(usd(3_000)),
        placedOn: '2020-08-01',
      }),
    );

  it('an order in a state that never signed an addendum to the contract is a violation', () => {
    const s = givenMississippiOrder();

    expect(programFindings(MS, s.facts)).toEqual([
      expect.objectContaining({
        ruleId: 'coop.participating-addendum-missing',
        ruleSet: 'coop-naspo-mlti',
        subject: 'order-ms-1',
        message:
          'MS had not signed a participating addendum to MLTI Learning Technology Solutions (lead state ME) when the order was placed on 2020-08-01',
        sourceEventIds: [s.idOf('CooperativeContractAwarded'), s.idOf('OrderPlaced')],
      }),
    ]);
  });

  it('an addendum signed after the order does not cover it; one signed before does', () => {
    const late = givenMississippiOrder(
      fact(MLTI, 'ParticipatingAddendumSigned', { usState: 'MS', role: 'master-contract', signedOn: '2020-09-01' }),
    );
    const early = givenMississippiOrder(
      fact(MLTI, 'ParticipatingAddendumSigned', { usState: 'MS', role: 'master-contract', signedOn: '2020-07-01' }),
    );

    expect(programFindings(MS, late.facts).map((f) => f.ruleId)).toEqual(['coop.participating-addendum-missing']);
    expect(programFindings(MS, early.facts)).toEqual([]);
  });
});
