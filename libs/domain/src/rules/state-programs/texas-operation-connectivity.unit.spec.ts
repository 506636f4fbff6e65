import fc from 'fast-check';
import { usd } from '../../shared/money';
import { fact } from '../../../testing/scenario';
import { programDashboardReadModel } from '../../program-dashboard/program-dashboard-read-model';
import { programFindings, stateProgramFindingsForApplicant } from '../../program-dashboard/program-findings';
import {
  TX,
  TX_TERMS,
  chromebooks,
  mltiJoinedByMsAndTx,
  newScenario,
  orderPlaced,
  registered,
  txConnectivityEstablished,
} from '../../../testing/state-program-fixtures';
import { refusalCode } from '../../../testing/refusal-code';
import { economicallyDisadvantagedMatchRule } from './economically-disadvantaged-match-rule';
import { type BandedMatchShare } from '../../program/terms';

const HOUSTON = 'applicant-houston-isd';
const table = (TX_TERMS.share as BandedMatchShare).bands;
// 1,000 students, 850 economically disadvantaged: 85% falls in the top band of the recorded (unconfirmed) bands: a 75%
// match.
const houston = registered(HOUSTON, {
  name: 'Houston ISD',
  usState: 'TX',
  students: 1_000,
  economicallyDisadvantagedStudents: 850,
  nslpEligibleStudents: 850,
});
const joined = fact(HOUSTON, 'ProgramJoined', { program: TX, joinedOn: '2020-07-20' });
const ilaApproved = (approvedOn: string, esc = 'Region 4 ESC') =>
  fact(HOUSTON, 'InterlocalAgreementApproved', { program: TX, esc, approvedOn });
// 400 Chromebooks at $250 = $100,000; a 75% match is $75,000 from the state.
const order = (id: string, placedOn: string, stateShare = usd(75_000)) =>
  orderPlaced(id, {
    program: TX,
    applicant: HOUSTON,
    lines: [chromebooks(400, usd(250))],
    stateShare,
    districtShare: usd(100_000) - stateShare,
    placedOn,
  });

const givenTexas = () => newScenario().given(...txConnectivityEstablished(), ...mltiJoinedByMsAndTx(), houston, joined);

const notInfo = <T extends { severity: string }>(findings: T[]): T[] => findings.filter((f) => f.severity !== 'info');

describe('Texas Operation Connectivity matching, by the bands the program recorded', () => {
  it.each([
    [0, 2_500],
    [3_999, 2_500],
    [4_000, 4_000],
    [5_999, 4_000],
    [6_000, 5_000],
    [7_999, 5_000],
    [8_000, 7_500],
    [10_000, 7_500],
  ])('an economically disadvantaged share of %i bp gets a match of %i bp', (shareBp, matchRate) => {
    const outcome = economicallyDisadvantagedMatchRule.apply(
      { students: 10_000, economicallyDisadvantagedStudents: shareBp, total: usd(100_000) },
      table,
    );
    expect(outcome.matchRate).toBe(matchRate);
  });

  it('does not round a district into a higher band: 7,999.9 bp is the 50% band', () => {
    const outcome = economicallyDisadvantagedMatchRule.apply(
      { students: 100_000, economicallyDisadvantagedStudents: 79_999, total: usd(1_000) },
      table,
    );
    expect(outcome).toMatchObject({
      economicallyDisadvantagedShare: 7_999,
      matchRate: 5_000,
      stateMatch: usd(500),
      districtShare: usd(500),
    });
  });

  it('an order placed after the ILA counts, with the match applied and shown on the dashboard', () => {
    const s = givenTexas().given(ilaApproved('2020-07-25'), order('order-1', '2020-08-01'));

    const dashboard = programDashboardReadModel.render(TX, s.facts);

    expect(dashboard?.matching).toEqual([
      {
        applicant: HOUSTON,
        terms: { version: 1, eventId: s.idOf('ProgramEstablished'), effectiveFrom: '2020-07-17' },
        economicallyDisadvantagedShare: 8_500,
        matchRate: 7_500,
      },
    ]);
    expect(dashboard?.orders[0]).toMatchObject({
      counted: true,
      maxStateShare: usd(75_000),
      earnedStateShare: usd(75_000),
      notCountedReason: null,
    });
    expect(dashboard?.funds.committed).toBe(usd(75_000));
    expect(notInfo(programFindings(TX, s.facts))).toEqual([]);
  });

  it('an order placed before the ILA is recorded but not counted, and says why', () => {
    const s = givenTexas().given(
      order('order-early', '2020-07-22'),
      ilaApproved('2020-07-25'),
      order('order-late', '2020-08-01'),
    );

    const dashboard = programDashboardReadModel.render(TX, s.facts);

    expect(dashboard?.orders.map((o) => [o.order, o.counted, o.notCountedReason])).toEqual([
      ['order-early', false, 'agreement-approved-later'],
      ['order-late', true, null],
    ]);
    expect(dashboard?.funds.committed).toBe(usd(75_000));
    expect(dashboard?.byLea[0]).toMatchObject({
      applicant: HOUSTON,
      orders: 1,
      devices: 400,
      interlocalAgreementApprovedOn: '2020-07-25',
    });
    expect(notInfo(programFindings(TX, s.facts))).toEqual([
      expect.objectContaining({
        ruleId: 'state.ila.order-before-agreement',
        severity: 'warning',
        subject: 'order-early',
        sourceEventIds: [s.idOf('OrderPlaced', 0), s.idOf('InterlocalAgreementApproved')],
      }),
    ]);
  });

  it('an agreement with another ESC does not satisfy the program', () => {
    const s = givenTexas().given(ilaApproved('2020-07-25', 'Region 10 ESC'), order('order-1', '2020-08-01'));

    expect(programDashboardReadModel.render(TX, s.facts)?.orders[0]).toMatchObject({
      counted: false,
      notCountedReason: 'no-agreement',
    });
  });

  it('a state share above the match leaves the district under its share: a violation, and the order earns $0', () => {
    const s = givenTexas().given(ilaApproved('2020-07-25'), order('order-1', '2020-08-01', usd(80_000)));

    expect(notInfo(programFindings(TX, s.facts))).toEqual([
      expect.objectContaining({
        ruleId: 'state.economically-disadvantaged-match',
        ruleSet: 'state-program-terms',
        message:
          'District share $20,000.00 of $100,000.00 is below the minimum $25,000.00 (the state may pay at most $75,000.00 under terms version 1, effective 2020-07-17): ' +
          "the state share earned is $0.00 of $80,000.00 until a correcting fact brings the district's share up",
        sourceEventIds: [s.idOf('ProgramEstablished'), s.idOf('OrderPlaced'), s.idOf('ApplicantRegistered')],
      }),
    ]);
    expect(programDashboardReadModel.render(TX, s.facts)?.funds.committed).toBe(0);
  });

  it('the bands are recorded as unconfirmed, and the program shows it as an info finding', () => {
    const s = givenTexas();

    expect(programFindings(TX, s.facts)).toEqual([
      {
        ruleId: 'state.terms.unconfirmed',
        ruleSet: 'state-program-terms',
        citation: '"Play 5 – Leverage Bulk Purchasing to Optimize Use of Funds"',
        severity: 'info',
        message: `Terms version 1 of Operation Connectivity (effective 2020-07-17) are unconfirmed: ${TX_TERMS.unconfirmed}`,
        sourceEventIds: [s.idOf('ProgramEstablished')],
        subject: TX,
      },
    ]);
  });

  it('a participant with no ILA once the deadline has passed is a violation on the applicant', () => {
    const s = givenTexas().given(order('order-1', '2020-09-02'));

    const findings = stateProgramFindingsForApplicant(HOUSTON, s.facts);

    expect(findings.map((f) => [f.ruleId, f.subject])).toEqual([
      ['state.ila.missing-past-deadline', HOUSTON],
      ['state.ila.order-before-agreement', 'order-1'],
    ]);
    expect(findings[0]?.sourceEventIds).toEqual([s.idOf('ParticipationRequirementSet')]);
  });

  it('no deadline finding while the facts have not passed the deadline', () => {
    const s = givenTexas().given(order('order-1', '2020-08-15'));

    expect(notInfo(programFindings(TX, s.facts)).map((f) => f.ruleId)).toEqual(['state.ila.order-before-agreement']);
  });

  it('refuses an order from an applicant that never joined the program', () => {
    const s = newScenario().given(...txConnectivityEstablished(), ...mltiJoinedByMsAndTx(), houston);

    expect(refusalCode(() => s.record(order('order-1', '2020-08-01')))).toBe('program-not-joined');
  });

  it('property: the state match and the district share always make up the order total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500_000 }),
        fc.integer({ min: 0, max: 500_000 }),
        fc.integer({ min: 0, max: 10_000_000_000 }),
        (students, ed, total) => {
          const outcome = economicallyDisadvantagedMatchRule.apply(
            { students, economicallyDisadvantagedStudents: Math.min(ed, students), total },
            table,
          );
          expect(outcome.stateMatch + outcome.districtShare).toBe(total);
          expect(outcome.stateMatch).toBeLessThanOrEqual(total);
        },
      ),
    );
  });
});
