import { usd } from '@ledger/domain';
import { chromebooks, fact, fundsAllocated, hotspots } from '@ledger/domain/testing';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { lastPosition, postFacts, readModel, type FactToPost, type PostedFact } from '../support/recorded-facts';
import { statePrograms } from './state-program-facts';

// "Play 5 – Leverage Bulk Purchasing to Optimize Use of Funds": Mississippi Connects covers up to 80 percent of device
// costs if the district
// covers at least 20 percent; Texas Operation Connectivity matches by economically disadvantaged share and
// requires a school-board-approved interlocal agreement with the Region 4 ESC to participate.
// Facts posted over HTTP, read back from the program dashboard and the program/applicant compliance models.

describe('acceptance: state programs over HTTP', () => {
  let ledger: TestLedger;
  let n = 0;
  beforeAll(async () => {
    ledger = await startTestLedger();
  });
  afterAll(async () => ledger.close());

  const urlId = (stream: string, prefix: string): string => stream.slice(prefix.length + 1);
  const scenario = async (facts: FactToPost[]) => {
    const posted = await postFacts(ledger, facts);
    return {
      posted,
      at: lastPosition(posted),
      idOf: (type: string, stream?: string) =>
        posted.find((p) => p.type === type && (stream === undefined || p.stream === stream))!.id,
    };
  };
  const dashboard = async (program: string, at: number) => {
    const res = await readModel(ledger, `/v1/programs/${urlId(program, 'program')}/dashboard`, at);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ model: 'program-dashboard', id: program });
    expect(res.body.position).toBeGreaterThanOrEqual(at);
    return res.body.data;
  };
  const programCompliance = async (program: string, at: number) => {
    const res = await readModel(ledger, `/v1/programs/${urlId(program, 'program')}/compliance`, at);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ model: 'program-compliance', id: program, data: { subject: program } });
    return res.body.data;
  };
  const applicantCompliance = async (applicant: string, at: number) => {
    const res = await readModel(ledger, `/v1/applicants/${urlId(applicant, 'applicant')}/compliance`, at);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ model: 'compliance', id: applicant, data: { subject: applicant } });
    return res.body.data;
  };

  describe('Mississippi Connects: state up to 80% when the district pays at least 20%', () => {
    const mississippi = () => {
      const tag = `ms${++n}`;
      const f = statePrograms(tag);
      return { ...f, jackson: `applicant-jackson-${tag}`, gulfport: `applicant-gulfport-${tag}` };
    };
    // 4,000 Chromebooks at $250 = $1,000,000, the seed's "up to 80 percent … if districts covered at least 20 percent".
    const millionDollarOrder = chromebooks(4_000, usd(250));

    it('two LEAs: funds allocated, committed, spent and remaining; shares; devices and hotspots by LEA and vendor', async () => {
      const ms = mississippi();
      const allocate = (applicant: string, amount: number) => fundsAllocated(applicant, amount, ms.ms);
      const { at } = await scenario([
        ms.msConnectsEstablished(),
        ...ms.mltiJoinedByMsAndTx(),
        ms.registered(ms.jackson),
        ms.registered(ms.gulfport, {
          name: 'Gulfport School District',
          students: 6_000,
          nslpEligibleStudents: 3_500,
          economicallyDisadvantagedStudents: 3_400,
        }),
        allocate(ms.jackson, usd(1_000_000)),
        allocate(ms.gulfport, usd(300_000)),
        // $250,000: 800 Chromebooks and 100 hotspots, 80/20.
        ms.orderPlaced(`order-j-${ms.ms}`, {
          program: ms.ms,
          applicant: ms.jackson,
          lines: [chromebooks(800), hotspots(100)],
          stateShare: usd(200_000),
          districtShare: usd(50_000),
        }),
        // $30,000: 100 Chromebooks, 75/25.
        ms.orderPlaced(`order-g-${ms.ms}`, {
          program: ms.ms,
          applicant: ms.gulfport,
          lines: [chromebooks(100)],
          stateShare: usd(22_500),
          districtShare: usd(7_500),
        }),
        fact(`order-j-${ms.ms}`, 'CostShareClaimed', { claimId: 'c-1', amount: usd(200_000), claimedOn: '2020-09-01' }),
        fact(`order-j-${ms.ms}`, 'ReimbursementPaid', { claimId: 'c-1', amount: usd(150_000), paidOn: '2020-10-01' }),
      ]);

      const d = await dashboard(ms.ms, at);
      expect(d).toMatchObject({
        name: 'Mississippi Connects',
        usState: 'MS',
        ruleSet: 'state-program-terms',
        status: 'open',
        asOf: '2020-10-01',
      });
      expect(d.funds).toEqual({
        total: usd(200_000_000),
        allocated: usd(1_300_000),
        unallocated: usd(198_700_000),
        overAllocated: 0,
        committed: usd(222_500),
        spent: usd(150_000),
        remaining: usd(199_777_500),
        overCommitted: 0,
      });
      expect(d.shares).toEqual({ state: usd(222_500), district: usd(57_500) });
      expect(d.byLea).toEqual([
        {
          applicant: ms.jackson,
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
          applicant: ms.gulfport,
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
      expect(d.byVendor).toEqual([
        {
          vendor: 'Acme Learning Devices',
          contracts: [ms.mlti],
          total: usd(280_000),
          orders: 2,
          devices: 900,
          hotspots: 100,
        },
      ]);
      expect(d.findings).toEqual([]);
      expect((await programCompliance(ms.ms, at)).status).toBe('clean');
    });

    it('a $1,000,000 order split $800,000 / $200,000 is counted at the 80% maximum, with no finding', async () => {
      const ms = mississippi();
      const order = `order-1-${ms.ms}`;
      const { at } = await scenario([
        ms.msConnectsEstablished(),
        ...ms.mltiJoinedByMsAndTx(),
        ms.registered(ms.jackson),
        ms.orderPlaced(order, {
          program: ms.ms,
          applicant: ms.jackson,
          lines: [millionDollarOrder],
          stateShare: usd(800_000),
          districtShare: usd(200_000),
        }),
      ]);

      const d = await dashboard(ms.ms, at);
      expect(d.orders).toEqual([
        expect.objectContaining({
          order,
          total: usd(1_000_000),
          stateShare: usd(800_000),
          districtShare: usd(200_000),
          maxStateShare: usd(800_000),
          counted: true,
          notCountedReason: null,
        }),
      ]);
      expect(d.funds.committed).toBe(usd(800_000));
      expect(d.shares).toEqual({ state: usd(800_000), district: usd(200_000) });
      expect(await programCompliance(ms.ms, at)).toMatchObject({ status: 'clean', findings: [] });
      expect(
        (await applicantCompliance(ms.jackson, at)).findings.filter((f: { ruleId: string }) =>
          f.ruleId.startsWith('state.'),
        ),
      ).toEqual([]);
    });

    it('a 75/25 split is fine: the state may pay less than its maximum', async () => {
      const ms = mississippi();
      const { at } = await scenario([
        ms.msConnectsEstablished(),
        ...ms.mltiJoinedByMsAndTx(),
        ms.registered(ms.jackson),
        ms.orderPlaced(`order-1-${ms.ms}`, {
          program: ms.ms,
          applicant: ms.jackson,
          lines: [millionDollarOrder],
          stateShare: usd(750_000),
          districtShare: usd(250_000),
        }),
      ]);
      expect(await programCompliance(ms.ms, at)).toMatchObject({ status: 'clean', findings: [] });
    });

    it('an 85/15 split is recorded and is a violation citing the rule and the events, on the program and the applicant; the order earns $0 of state share', async () => {
      const ms = mississippi();
      const order = `order-1-${ms.ms}`;
      const { at, idOf } = await scenario([
        ms.msConnectsEstablished(),
        ...ms.mltiJoinedByMsAndTx(),
        ms.registered(ms.jackson),
        ms.orderPlaced(order, {
          program: ms.ms,
          applicant: ms.jackson,
          lines: [millionDollarOrder],
          stateShare: usd(850_000),
          districtShare: usd(150_000),
        }),
      ]);
      const violation = {
        ruleId: 'state.fixed-split-cost-share',
        ruleSet: 'state-program-terms',
        citation: expect.stringContaining('"Play 5 – Leverage Bulk Purchasing to Optimize Use of Funds"'),
        severity: 'violation',
        message:
          'District share $150,000.00 of $1,000,000.00 is below the minimum $200,000.00 (the state may pay at most $800,000.00 under terms version 1, effective 2020-07-01): ' +
          "the state share earned is $0.00 of $850,000.00 until a correcting fact brings the district's share up",
        sourceEventIds: [idOf('ProgramEstablished'), idOf('OrderPlaced')],
        subject: order,
      };

      const d = await dashboard(ms.ms, at);
      expect(d.orders[0]).toMatchObject({
        order,
        stateShare: usd(850_000),
        maxStateShare: usd(800_000),
        earnedStateShare: 0,
        earnedReason: 'district-below-minimum',
      });
      expect(d.funds.committed).toBe(0);
      const program = await programCompliance(ms.ms, at);
      expect(program).toMatchObject({ status: 'findings', counts: { serious: 0, violation: 1 } });
      expect(program.findings).toEqual([violation]);
      expect((await applicantCompliance(ms.jackson, at)).findings).toContainEqual(violation);
    });
  });

  describe('Texas Operation Connectivity: matching by economically disadvantaged share, interlocal agreement first', () => {
    const texas = () => {
      const tag = `tx${++n}`;
      const f = statePrograms(tag);
      const houston = `applicant-houston-isd-${tag}`;
      const order = (id: string, placedOn: string, stateShare = usd(75_000)): FactToPost =>
        // 400 Chromebooks at $250 = $100,000; Houston's 85% share is the top band of the table: a 75% match, $75,000.
        f.orderPlaced(`${id}-${tag}`, {
          program: f.tx,
          applicant: houston,
          lines: [chromebooks(400, usd(250))],
          stateShare,
          districtShare: usd(100_000) - stateShare,
          placedOn,
        });
      const ilaApproved = (approvedOn: string, esc = 'Region 4 ESC') =>
        fact(houston, 'InterlocalAgreementApproved', { program: f.tx, esc, approvedOn });
      const given = (...more: FactToPost[]) =>
        scenario([
          ...f.txConnectivityEstablished(),
          ...f.mltiJoinedByMsAndTx(),
          f.registered(houston, {
            name: 'Houston ISD',
            usState: 'TX',
            students: 1_000,
            economicallyDisadvantagedStudents: 850,
            nslpEligibleStudents: 850,
          }),
          fact(houston, 'ProgramJoined', { program: f.tx, joinedOn: '2020-07-20' }),
          ...more,
        ]);
      return { ...f, tag, houston, order, ilaApproved, given };
    };
    const ordersOf = (d: { orders: { order: string; counted: boolean; notCountedReason: string | null }[] }) =>
      d.orders.map((o) => [o.order, o.counted, o.notCountedReason]);

    it('an order placed after the ILA counts, with the 75% match applied and shown on the dashboard', async () => {
      const tx = texas();
      const { at } = await tx.given(tx.ilaApproved('2020-07-25'), tx.order('order-1', '2020-08-01'));

      const d = await dashboard(tx.tx, at);
      expect(d).toMatchObject({ name: 'Operation Connectivity', ruleSet: 'state-program-terms' });
      expect(d.matching).toEqual([
        {
          applicant: tx.houston,
          terms: { version: 1, eventId: expect.any(String), effectiveFrom: '2020-07-17' },
          economicallyDisadvantagedShare: 8_500,
          matchRate: 7_500,
        },
      ]);
      expect(d.orders[0]).toMatchObject({ counted: true, maxStateShare: usd(75_000), notCountedReason: null });
      expect(d.funds.committed).toBe(usd(75_000));
      expect(d.byLea[0]).toMatchObject({
        applicant: tx.houston,
        orders: 1,
        devices: 400,
        stateShare: usd(75_000),
        districtShare: usd(25_000),
        interlocalAgreementApprovedOn: '2020-07-25',
      });
      // The seed gives no band figures: the program recorded its bands as unconfirmed, and says so.
      expect(await programCompliance(tx.tx, at)).toMatchObject({
        status: 'findings',
        counts: { violation: 0, warning: 0, info: 1 },
        findings: [expect.objectContaining({ ruleId: 'state.terms.unconfirmed', subject: tx.tx })],
      });
    });

    it('an order placed before the ILA is recorded but not counted, and the program says why', async () => {
      const tx = texas();
      const early = `order-early-${tx.tag}`;
      const late = `order-late-${tx.tag}`;
      const { at, idOf } = await tx.given(
        tx.order('order-early', '2020-07-22'),
        tx.ilaApproved('2020-07-25'),
        tx.order('order-late', '2020-08-01'),
      );

      const d = await dashboard(tx.tx, at);
      expect(ordersOf(d)).toEqual([
        [early, false, 'agreement-approved-later'],
        [late, true, null],
      ]);
      expect(d.funds.committed).toBe(usd(75_000));
      expect(d.shares).toEqual({ state: usd(75_000), district: usd(25_000) });
      expect(d.byLea[0]).toMatchObject({
        applicant: tx.houston,
        orders: 1,
        devices: 400,
        interlocalAgreementApprovedOn: '2020-07-25',
      });

      const beforeAgreement = expect.objectContaining({
        ruleId: 'state.ila.order-before-agreement',
        ruleSet: 'state-program-terms',
        severity: 'warning',
        subject: early,
        sourceEventIds: [idOf('OrderPlaced', early), idOf('InterlocalAgreementApproved')],
      });
      const program = await programCompliance(tx.tx, at);
      expect(program).toMatchObject({ status: 'findings', counts: { serious: 0, violation: 0, warning: 1, info: 1 } });
      expect(program.findings).toEqual([
        beforeAgreement,
        expect.objectContaining({ ruleId: 'state.terms.unconfirmed', severity: 'info' }),
      ]);
      expect((await applicantCompliance(tx.houston, at)).findings).toContainEqual(beforeAgreement);
    });

    it('an agreement with another ESC does not satisfy the program: the order is not counted', async () => {
      const tx = texas();
      const { at } = await tx.given(tx.ilaApproved('2020-07-25', 'Region 10 ESC'), tx.order('order-1', '2020-08-01'));

      const d = await dashboard(tx.tx, at);
      expect(d.orders[0]).toMatchObject({ counted: false, notCountedReason: 'no-agreement' });
      expect(d.funds.committed).toBe(0);
    });

    it('a state share above the match is a violation naming the terms version, and the order earns $0', async () => {
      const tx = texas();
      const { at } = await tx.given(tx.ilaApproved('2020-07-25'), tx.order('order-1', '2020-08-01', usd(80_000)));

      expect(
        (await programCompliance(tx.tx, at)).findings.filter((f: { severity: string }) => f.severity !== 'info'),
      ).toEqual([
        expect.objectContaining({
          ruleId: 'state.economically-disadvantaged-match',
          ruleSet: 'state-program-terms',
          severity: 'violation',
          message:
            'District share $20,000.00 of $100,000.00 is below the minimum $25,000.00 (the state may pay at most $75,000.00 under terms version 1, effective 2020-07-17): ' +
            "the state share earned is $0.00 of $80,000.00 until a correcting fact brings the district's share up",
        }),
      ]);
    });

    it('a participant with no ILA once the deadline has passed is a violation on the applicant', async () => {
      const tx = texas();
      const { at, idOf } = await tx.given(tx.order('order-1', '2020-09-02'));

      const applicant = await applicantCompliance(tx.houston, at);
      expect(applicant.findings.map((f: { ruleId: string; subject: string }) => [f.ruleId, f.subject])).toEqual([
        ['state.ila.missing-past-deadline', tx.houston],
        ['state.ila.order-before-agreement', `order-1-${tx.tag}`],
      ]);
      expect(applicant.findings[0].sourceEventIds).toEqual([idOf('ParticipationRequirementSet')]);
      expect(applicant).toMatchObject({ status: 'findings', counts: { violation: 1, warning: 1 } });
    });

    it('refuses (422) an order from an applicant that never joined the program, and records nothing', async () => {
      const tx = texas();
      const posted: PostedFact[] = await postFacts(ledger, [
        ...tx.txConnectivityEstablished(),
        ...tx.mltiJoinedByMsAndTx(),
        tx.registered(tx.houston, {
          name: 'Houston ISD',
          usState: 'TX',
          students: 1_000,
          economicallyDisadvantagedStudents: 850,
          nslpEligibleStudents: 850,
        }),
      ]);
      const order = tx.order('order-1', '2020-08-01');
      const res = await ledger.request('POST', `/v1/streams/${order.stream}/events`, {
        key: ledger.keys.integration,
        body: { events: [{ type: order.type, data: order.data }] },
      });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('program-not-joined');
      expect((await ledger.request('GET', `/v1/streams/${order.stream}`, { key: ledger.keys.auditor })).status).toBe(
        404,
      );
      expect((await dashboard(tx.tx, lastPosition(posted))).orders).toEqual([]);
    });
  });
});
