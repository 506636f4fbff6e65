import fc from 'fast-check';
import { FoldedFacts } from '../shared/folded-facts';
import { usd } from '../shared/money';
import { fact } from '../../testing/scenario';
import { stateProgramStreams } from '../state-programs';
import { programDashboardReadModel } from './program-dashboard-read-model';
import { stateProgramFindingsForApplicant } from './program-findings';
import {
  MS,
  chromebooks,
  fundsAllocated,
  hotspots,
  mltiJoinedByMsAndTx,
  msConnectsEstablished,
  newScenario,
  orderPlaced,
  registered,
} from '../../testing/state-program-fixtures';

const JACKSON = 'applicant-jackson';
const GULFPORT = 'applicant-gulfport';

const givenTwoLeas = () =>
  newScenario().given(
    msConnectsEstablished(),
    ...mltiJoinedByMsAndTx(),
    registered(JACKSON),
    registered(GULFPORT, {
      name: 'Gulfport School District',
      students: 6_000,
      nslpEligibleStudents: 3_500,
      economicallyDisadvantagedStudents: 3_400,
    }),
    fundsAllocated(JACKSON, usd(1_000_000)),
    fundsAllocated(GULFPORT, usd(300_000)),
    // $250,000: 800 Chromebooks and 100 hotspots, 80/20.
    orderPlaced('order-j-1', {
      program: MS,
      applicant: JACKSON,
      lines: [chromebooks(800), hotspots(100)],
      stateShare: usd(200_000),
      districtShare: usd(50_000),
    }),
    // $30,000: 100 Chromebooks, 75/25.
    orderPlaced('order-g-1', {
      program: MS,
      applicant: GULFPORT,
      lines: [chromebooks(100)],
      stateShare: usd(22_500),
      districtShare: usd(7_500),
    }),
    fact('order-j-1', 'CostShareClaimed', { claimId: 'c-1', amount: usd(200_000), claimedOn: '2020-09-01' }),
    fact('order-j-1', 'ReimbursementPaid', { claimId: 'c-1', amount: usd(150_000), paidOn: '2020-10-01' }),
  );

describe('program dashboard read model', () => {
  it('shows funds allocated, committed, spent and remaining, and the state vs district share', () => {
    const d = programDashboardReadModel.render(MS, givenTwoLeas().facts);

    expect(d?.funds).toEqual({
      total: usd(200_000_000),
      allocated: usd(1_300_000),
      unallocated: usd(198_700_000),
      overAllocated: 0,
      committed: usd(222_500),
      spent: usd(150_000),
      remaining: usd(199_777_500),
      overCommitted: 0,
    });
    expect(d?.shares).toEqual({ state: usd(222_500), district: usd(57_500) });
    expect(d).toMatchObject({
      name: 'Mississippi Connects',
      ruleSet: 'state-program-terms',
      status: 'open',
      asOf: '2020-10-01',
    });
  });

  it('shows orders, devices and hotspots by LEA and by vendor', () => {
    const d = programDashboardReadModel.render(MS, givenTwoLeas().facts);

    expect(d?.byLea).toEqual([
      {
        applicant: JACKSON,
        name: 'Jackson Public Schools',
        allocated: usd(1_000_000),
        committed: usd(200_000),
        spent: usd(150_000),
        stateShare: usd(200_000),
        districtShare: usd(50_000),
        interlocalAgreementApprovedOn: null,
        orders: 1,
        devices: 800,
        hotspots: 100,
      },
      {
        applicant: GULFPORT,
        name: 'Gulfport School District',
        allocated: usd(300_000),
        committed: usd(22_500),
        spent: 0,
        stateShare: usd(22_500),
        districtShare: usd(7_500),
        interlocalAgreementApprovedOn: null,
        orders: 1,
        devices: 100,
        hotspots: 0,
      },
    ]);
    expect(d?.byVendor).toEqual([
      {
        vendor: 'Acme Learning Devices',
        contracts: ['contract-mlti-2020'],
        total: usd(280_000),
        orders: 2,
        devices: 900,
        hotspots: 100,
      },
    ]);
  });

  it('a cancelled order stops committing funds but stays listed', () => {
    const s = givenTwoLeas().given(
      fact('order-g-1', 'OrderCancelled', { cancelledOn: '2020-08-10', reason: 'board vote' }),
    );
    const d = programDashboardReadModel.render(MS, s.facts);

    expect(d?.funds.committed).toBe(usd(200_000));
    expect(d?.orders.find((o) => o.order === 'order-g-1')?.status).toBe('cancelled');
  });

  it('allocations beyond the total funds are a violation', () => {
    const s = newScenario().given(
      msConnectsEstablished(usd(1_000_000)),
      registered(JACKSON),
      fundsAllocated(JACKSON, usd(600_000)),
      fundsAllocated(JACKSON, usd(500_000)),
    );
    const d = programDashboardReadModel.render(MS, s.facts);

    expect(d?.funds).toMatchObject({ unallocated: 0, overAllocated: usd(100_000) });
    expect(d?.findings).toEqual([
      expect.objectContaining({
        ruleId: 'state.funds.over-allocated',
        subject: MS,
        message: "Allocations of $1,100,000.00 exceed the program's total funds of $1,000,000.00 by $100,000.00",
        sourceEventIds: [
          s.idOf('ProgramEstablished'),
          s.idOf('ProgramFundsAllocated', 0),
          s.idOf('ProgramFundsAllocated', 1),
        ],
      }),
    ]);
  });

  it('claims above the state share of an order are a violation', () => {
    const s = givenTwoLeas().given(
      fact('order-j-1', 'CostShareClaimed', { claimId: 'c-2', amount: usd(10_000), claimedOn: '2020-09-15' }),
    );

    expect(stateProgramFindingsForApplicant(JACKSON, s.facts)).toEqual([
      expect.objectContaining({
        ruleId: 'state.claim-above-state-share',
        subject: 'order-j-1',
        message:
          'Claims of $210,000.00 exceed the state share earned of $200,000.00 (recorded $200,000.00) by $10,000.00',
        sourceEventIds: [
          s.idOf('ProgramEstablished'),
          s.idOf('OrderPlaced', 0),
          s.idOf('CostShareClaimed', 0),
          s.idOf('CostShareClaimed', 1),
        ],
      }),
    ]);
  });

  it('an LEA whose counted orders commit more than its allocation is a violation on that LEA', () => {
    const s = givenTwoLeas().given(
      orderPlaced('order-g-2', {
        program: MS,
        applicant: GULFPORT,
        lines: [chromebooks(1_000, usd(350))],
        stateShare: usd(280_000),
        districtShare: usd(70_000),
      }),
    );

    expect(stateProgramFindingsForApplicant(GULFPORT, s.facts).map((f) => [f.ruleId, f.subject, f.message])).toEqual([
      [
        'state.funds.lea-over-allocation',
        GULFPORT,
        'Counted orders commit $302,500.00 of program funds against an allocation of $300,000.00: $2,500.00 over',
      ],
      [
        'coop.volume-tier.price-above-tier',
        'order-g-2',
        "chromebook at $350.00 a unit is above the cohort's tier price $280.00: $70,000.00 overcharged",
      ],
    ]);
  });

  it('renders as of a past position from the states folded up to it', () => {
    const s = givenTwoLeas();
    const past = new FoldedFacts(stateProgramStreams);
    const gulfportOrderPosition = s.recorded.find((r) => r.stream === 'order-g-1')!.position;
    for (const e of s.recorded.filter((r) => r.position < gulfportOrderPosition)) past.apply(e);

    expect(programDashboardReadModel.render(MS, past)?.funds).toMatchObject({ committed: usd(200_000), spent: 0 });
    expect(programDashboardReadModel.render('program-none', past)).toBeUndefined();
  });

  it('an applicant sees only its own findings', () => {
    const s = givenTwoLeas().given(
      orderPlaced('order-g-2', {
        program: MS,
        applicant: GULFPORT,
        lines: [chromebooks(10)],
        stateShare: usd(3_000),
        districtShare: 0,
      }),
    );

    expect(stateProgramFindingsForApplicant(GULFPORT, s.facts).map((f) => [f.ruleId, f.subject])).toEqual([
      ['state.fixed-split-cost-share', 'order-g-2'],
    ]);
    expect(stateProgramFindingsForApplicant(JACKSON, s.facts)).toEqual([]);
  });

  it('commitments beyond the total funds are a violation, and remaining stops at zero instead of going negative', () => {
    const s = newScenario().given(msConnectsEstablished(usd(1_000)), ...mltiJoinedByMsAndTx(), registered(JACKSON));
    s.given(
      orderPlaced('order-1', {
        program: MS,
        applicant: JACKSON,
        lines: [chromebooks(10)],
        stateShare: usd(2_400),
        districtShare: usd(600),
      }),
    );
    const d = programDashboardReadModel.render(MS, s.facts);

    expect(d?.funds).toMatchObject({
      total: usd(1_000),
      committed: usd(2_400),
      remaining: 0,
      overCommitted: usd(1_400),
    });
    expect(d?.findings).toEqual([
      expect.objectContaining({
        ruleId: 'state.funds.over-committed',
        severity: 'violation',
        subject: MS,
        message: "Earned state shares of $2,400.00 exceed the program's total funds of $1,000.00 by $1,400.00",
        sourceEventIds: [s.idOf('ProgramEstablished'), s.idOf('OrderPlaced')],
      }),
    ]);
  });

  it('commitments exactly at the total funds: remaining $0, no finding', () => {
    const s = newScenario().given(msConnectsEstablished(usd(2_400)), ...mltiJoinedByMsAndTx(), registered(JACKSON));
    s.given(
      orderPlaced('order-1', {
        program: MS,
        applicant: JACKSON,
        lines: [chromebooks(10)],
        stateShare: usd(2_400),
        districtShare: usd(600),
      }),
    );

    expect(programDashboardReadModel.render(MS, s.facts)?.funds).toMatchObject({
      committed: usd(2_400),
      remaining: 0,
      overCommitted: 0,
    });
    expect(programDashboardReadModel.render(MS, s.facts)?.findings).toEqual([]);
  });

  it('property: remaining + over-committed = total − committed, committed counts only earned shares, and earned + district = total of live orders whose terms are met', () => {
    const orderArb = fc.record({
      quantity: fc.integer({ min: 1, max: 2_000 }),
      statePercent: fc.integer({ min: 0, max: 100 }),
      cancelled: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5_000_000_00 }), { maxLength: 4 }),
        fc.array(orderArb, { maxLength: 6 }),
        (allocations, orders) => {
          const s = newScenario().given(
            msConnectsEstablished(),
            ...mltiJoinedByMsAndTx(),
            registered(JACKSON),
            ...allocations.map((a) => fundsAllocated(JACKSON, a)),
          );
          orders.forEach((o, i) => {
            const total = o.quantity * usd(300);
            const stateShare = Math.floor((total * o.statePercent) / 100);
            s.record(
              orderPlaced(`order-${i}`, {
                program: MS,
                applicant: JACKSON,
                lines: [chromebooks(o.quantity)],
                stateShare,
                districtShare: total - stateShare,
              }),
            );
            if (o.cancelled) s.record(fact(`order-${i}`, 'OrderCancelled', { cancelledOn: '2020-08-02', reason: 'x' }));
          });
          const d = programDashboardReadModel.render(MS, s.facts)!;
          const live = orders.filter((o) => !o.cancelled);
          const met = live.filter((o) => o.statePercent <= 80);
          expect(d.funds.remaining - d.funds.overCommitted).toBe(d.funds.total - d.funds.committed);
          expect(d.funds.remaining).toBeGreaterThanOrEqual(0);
          expect(d.funds.allocated).toBe(allocations.reduce((a, b) => a + b, 0));
          expect(d.funds.committed).toBe(
            met.reduce((t, o) => t + Math.floor((o.quantity * usd(300) * o.statePercent) / 100), 0),
          );
          const metRows = d.orders.filter((o) => o.earnedReason === 'terms-met');
          for (const row of metRows) expect(row.earnedStateShare + row.districtShare).toBe(row.total);
          expect(metRows).toHaveLength(met.length);
        },
      ),
      { numRuns: 60 },
    );
  });
});
