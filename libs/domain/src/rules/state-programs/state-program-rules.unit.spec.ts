import { type InterlocalAgreement } from '../../applicant/state';
import { type CostShareClaim } from '../../order/state';
import { usd } from '../../shared/money';
import { programRequiring } from '../../../testing/state-program-fixtures';
import { claimRule } from './claim-rule';
import { economicallyDisadvantagedMatchRule } from './economically-disadvantaged-match-rule';
import { agreementDeadlineRule, agreementsForProgram, orderCountsRule } from './interlocal-agreement-rule';
import { leaAllocationRule } from './lea-allocation-rule';
import { programFundsRule } from './program-funds-rule';

const TX = 'program-tx-connectivity';
const OK = 'program-ok-devices';
const agreement = (
  approvedOn: string,
  esc = 'Region 4 ESC',
  program = TX,
  eventId = `ila-${approvedOn}`,
): InterlocalAgreement => ({ program, esc, approvedOn, eventId, position: 1 });

describe('interlocal agreement rules (Texas: "school boards had to approve an interlocal agreement with the Region 4 ESC")', () => {
  it("only agreements for this program count, not one for another state's program", () => {
    const mine = agreement('2020-07-25');
    expect(
      agreementsForProgram(TX, programRequiring('Region 4 ESC'), [mine, agreement('2020-07-20', 'Region 4 ESC', OK)]),
    ).toEqual([mine]);
  });

  it('an ESC named with other case and spaces is the same ESC; another ESC is not', () => {
    const spaced = agreement('2020-07-25', '  region 4 esc ');
    expect(
      agreementsForProgram(TX, programRequiring('Region 4 ESC'), [spaced, agreement('2020-07-26', 'Region 10 ESC')]),
    ).toEqual([spaced]);
    expect(
      agreementsForProgram(TX, programRequiring(' REGION 4 ESC'), [agreement('2020-07-25', 'Region 4 ESC')]),
    ).toHaveLength(1);
  });

  it('with two requirements naming different ESCs, an agreement with either one satisfies the program', () => {
    const withTen = agreement('2020-07-25', 'Region 10 ESC');
    expect(agreementsForProgram(TX, programRequiring('Region 4 ESC', 'Region 10 ESC'), [withTen])).toEqual([withTen]);
  });

  it('a program that names no ESC accepts an agreement with any ESC for it', () => {
    const any = agreement('2020-07-25', 'Region 20 ESC');
    expect(agreementsForProgram(TX, programRequiring(), [any, agreement('2020-07-25', 'Region 20 ESC', OK)])).toEqual([
      any,
    ]);
  });

  it('same day: an agreement approved on the day the order is placed counts; the day after does not', () => {
    expect(
      orderCountsRule.apply({ required: true, placedOn: '2020-08-01', agreements: [agreement('2020-08-01')] }, null),
    ).toEqual({ counts: true, agreement: agreement('2020-08-01') });
    expect(
      orderCountsRule.apply({ required: true, placedOn: '2020-08-01', agreements: [agreement('2020-08-02')] }, null),
    ).toEqual({ counts: false, reason: 'agreement-approved-later', agreement: agreement('2020-08-02') });
  });

  it('judges by the earliest agreement, whatever order they were recorded in', () => {
    const later = agreement('2020-08-05');
    const earlier = agreement('2020-07-25');
    const same = agreement('2020-07-25', 'Region 4 ESC', TX, 'ila-twin');
    expect(
      orderCountsRule.apply({ required: true, placedOn: '2020-08-01', agreements: [later, earlier] }, null),
    ).toEqual({ counts: true, agreement: earlier });
    expect(
      orderCountsRule.apply({ required: true, placedOn: '2020-08-01', agreements: [earlier, later] }, null),
    ).toEqual({ counts: true, agreement: earlier });
    expect(
      orderCountsRule.apply({ required: true, placedOn: '2020-07-30', agreements: [later, same, earlier] }, null)
        .agreement,
    ).toEqual(same);
  });

  it('with no agreement: the order does not count where one is required, and counts where none is', () => {
    expect(orderCountsRule.apply({ required: true, placedOn: '2020-08-01', agreements: [] }, null)).toEqual({
      counts: false,
      reason: 'no-agreement',
      agreement: null,
    });
    expect(orderCountsRule.apply({ required: false, placedOn: '2020-08-01', agreements: [] }, null)).toEqual({
      counts: true,
      agreement: null,
    });
    expect(
      orderCountsRule.apply({ required: false, placedOn: '2020-08-01', agreements: [agreement('2020-08-05')] }, null),
    ).toEqual({ counts: true, agreement: agreement('2020-08-05') });
  });

  it('the deadline: not overdue on the deadline day itself, overdue the day after; an agreement approved on the deadline is in time, one the day after is not', () => {
    expect(agreementDeadlineRule.apply({ deadline: '2020-08-31', asOf: '2020-08-31', agreements: [] }, null)).toEqual({
      overdue: false,
    });
    expect(agreementDeadlineRule.apply({ deadline: '2020-08-31', asOf: '2020-09-01', agreements: [] }, null)).toEqual({
      overdue: true,
    });
    expect(
      agreementDeadlineRule.apply(
        { deadline: '2020-08-31', asOf: '2020-09-01', agreements: [agreement('2020-08-31')] },
        null,
      ),
    ).toEqual({ overdue: false });
    expect(
      agreementDeadlineRule.apply(
        { deadline: '2020-08-31', asOf: '2020-09-01', agreements: [agreement('2020-09-01')] },
        null,
      ),
    ).toEqual({ overdue: true });
    expect(
      agreementDeadlineRule.apply(
        { deadline: '2020-08-31', asOf: '2020-09-02', agreements: [agreement('2020-09-01'), agreement('2020-08-30')] },
        null,
      ),
    ).toEqual({ overdue: false });
  });
});

describe('program funds: allocations and earned commitments against the total', () => {
  it('same cent: allocations and commitments exactly at the total are in bounds, with nothing remaining', () => {
    expect(
      programFundsRule.apply({ totalFunds: usd(1_000), allocated: usd(1_000), committed: usd(1_000) }, null),
    ).toEqual({
      overAllocated: false,
      allocationExcess: 0,
      overCommitted: false,
      commitmentExcess: 0,
      remaining: 0,
    });
  });

  it('a cent over: over-allocated and over-committed by exactly one cent, remaining stays at zero', () => {
    expect(
      programFundsRule.apply({ totalFunds: usd(1_000), allocated: usd(1_000) + 1, committed: usd(1_000) + 1 }, null),
    ).toEqual({
      overAllocated: true,
      allocationExcess: 1,
      overCommitted: true,
      commitmentExcess: 1,
      remaining: 0,
    });
  });

  it('within the funds: what is left is the total less the earned commitments', () => {
    expect(programFundsRule.apply({ totalFunds: usd(1_000), allocated: usd(600), committed: usd(250) }, null)).toEqual({
      overAllocated: false,
      allocationExcess: 0,
      overCommitted: false,
      commitmentExcess: 0,
      remaining: usd(750),
    });
  });
});

describe('claims and LEA allocations', () => {
  const claim = (amount: number, claimId = `c-${amount}`): CostShareClaim => ({
    claimId,
    amount,
    claimedOn: '2020-09-01',
    eventId: claimId,
    paid: 0,
    paymentEventIds: [],
  });

  it('claims adding up to the earned share exactly: no excess; a cent more: one cent over', () => {
    expect(claimRule.apply({ earned: usd(800), claims: [claim(usd(500)), claim(usd(300))] }, null)).toEqual({
      claimed: usd(800),
      excess: 0,
    });
    expect(claimRule.apply({ earned: usd(800), claims: [claim(usd(500)), claim(usd(300) + 1)] }, null)).toEqual({
      claimed: usd(800) + 1,
      excess: 1,
    });
    expect(claimRule.apply({ earned: 0, claims: [claim(usd(1))] }, null)).toEqual({ claimed: usd(1), excess: usd(1) });
    expect(claimRule.apply({ earned: usd(800), claims: [] }, null)).toEqual({ claimed: 0, excess: 0 });
  });

  it('an LEA committing exactly its allocation is in bounds; a cent more is one cent over; less is no excess', () => {
    expect(leaAllocationRule.apply({ allocated: usd(1_000), committed: usd(1_000) }, null)).toEqual({ excess: 0 });
    expect(leaAllocationRule.apply({ allocated: usd(1_000), committed: usd(1_000) + 1 }, null)).toEqual({ excess: 1 });
    expect(leaAllocationRule.apply({ allocated: usd(1_000), committed: usd(10) }, null)).toEqual({ excess: 0 });
  });
});

describe('match by economically disadvantaged share, on bands the program states', () => {
  const bands = [
    { fromShare: 0, matchRate: 1_000 },
    { fromShare: 5_000, matchRate: 9_000 },
  ];

  it('a district with no students is at 0% and gets the first band', () => {
    expect(
      economicallyDisadvantagedMatchRule.apply(
        { students: 0, economicallyDisadvantagedStudents: 0, total: usd(100) },
        bands,
      ),
    ).toEqual({
      economicallyDisadvantagedShare: 0,
      band: bands[0],
      matchRate: 1_000,
      stateMatch: usd(10),
      districtShare: usd(90),
    });
  });

  it('same basis point: exactly 50% is the upper band; a student fewer is the lower', () => {
    expect(
      economicallyDisadvantagedMatchRule.apply(
        { students: 1_000, economicallyDisadvantagedStudents: 500, total: usd(100) },
        bands,
      ).matchRate,
    ).toBe(9_000);
    expect(
      economicallyDisadvantagedMatchRule.apply(
        { students: 1_000, economicallyDisadvantagedStudents: 499, total: usd(100) },
        bands,
      ).matchRate,
    ).toBe(1_000);
  });

  it('bands that do not start at 0 cannot judge a district below them', () => {
    expect(() =>
      economicallyDisadvantagedMatchRule.apply(
        { students: 100, economicallyDisadvantagedStudents: 1, total: usd(100) },
        [{ fromShare: 500, matchRate: 5_000 }],
      ),
    ).toThrow(/first band must start at 0/);
  });
});
