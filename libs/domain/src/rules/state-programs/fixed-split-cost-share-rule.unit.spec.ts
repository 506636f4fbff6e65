import fc from 'fast-check';
import { usd } from '../../shared/money';
import { fact } from '../../../testing/scenario';
import { programDashboardReadModel } from '../../program-dashboard/program-dashboard-read-model';
import { programFindings } from '../../program-dashboard/program-findings';
import { orderViewReadModel } from '../../program-dashboard/order-view-read-model';
import {
  MS,
  MS_TERMS,
  chromebooks,
  mltiJoinedByMsAndTx,
  msConnectsEstablished,
  newScenario,
  orderPlaced,
  registered,
} from '../../../testing/state-program-fixtures';
import { earnedShareRule } from './earned-share-rule';
import { fixedSplitCostShareRule } from './fixed-split-cost-share-rule';

const JACKSON = 'applicant-jackson';
// 4,000 Chromebooks at $250 = $1,000,000, the seed's "up to 80 percent … if districts covered at least 20 percent".
const millionDollarOrder = chromebooks(4_000, usd(250));
const split = { kind: 'fixed-split', stateMaxPercent: 80, districtMinPercent: 20 } as const;

const givenMississippi = () =>
  newScenario().given(msConnectsEstablished(), ...mltiJoinedByMsAndTx(), registered(JACKSON));
const placedAt = (stateShare: number) =>
  orderPlaced('order-1', {
    program: MS,
    applicant: JACKSON,
    lines: [millionDollarOrder],
    stateShare,
    districtShare: usd(1_000_000) - stateShare,
  });

describe('Mississippi Connects 80/20 cost share, recorded as the program\'s terms ("Play 5 – Leverage Bulk Purchasing to Optimize Use of Funds")', () => {
  it('golden: a $1,000,000 order split $800,000 state / $200,000 district earns the whole $800,000, with no finding', () => {
    const s = givenMississippi().given(placedAt(usd(800_000)));

    const dashboard = programDashboardReadModel.render(MS, s.facts);

    expect(dashboard?.orders[0]).toMatchObject({
      total: usd(1_000_000),
      stateShare: usd(800_000),
      districtShare: usd(200_000),
      maxStateShare: usd(800_000),
      minDistrictShare: usd(200_000),
      earnedStateShare: usd(800_000),
      earnedReason: 'terms-met',
      counted: true,
    });
    expect(dashboard?.funds.committed).toBe(usd(800_000));
    expect(programFindings(MS, s.facts)).toEqual([]);
  });

  it('a 75/25 split is fine: the state may pay less than its maximum, and earns what it pays', () => {
    const s = givenMississippi().given(placedAt(usd(750_000)));

    expect(programFindings(MS, s.facts)).toEqual([]);
    expect(programDashboardReadModel.render(MS, s.facts)?.funds.committed).toBe(usd(750_000));
  });

  it('an 85/15 split: the district pays under its 20%, so the order earns $0 of state share and the program commits nothing for it', () => {
    const s = givenMississippi().given(placedAt(usd(850_000)));

    const dashboard = programDashboardReadModel.render(MS, s.facts);

    expect(dashboard?.orders[0]).toMatchObject({ earnedStateShare: 0, earnedReason: 'district-below-minimum' });
    expect(dashboard?.funds).toMatchObject({ committed: 0, remaining: usd(200_000_000) });
    expect(dashboard?.shares.state).toBe(0);
    s.given(fact('order-1', 'CostShareClaimed', { claimId: 'c-1', amount: usd(800_000), claimedOn: '2020-09-01' }));
    const view = orderViewReadModel.render('order-1', s.facts);
    expect(view).toMatchObject({ earnedStateShare: 0, claimed: usd(800_000), claimedAboveEarned: usd(800_000) });
    expect(view?.trace.at(-1)).toMatchObject({
      ruleId: 'state.claim-above-state-share',
      values: { earnedStateShare: 0, claimed: usd(800_000), claimedAboveEarned: usd(800_000), paidAmount: 0 },
      sourceEventIds: [s.idOf('CostShareClaimed')],
      explanation: 'Claims of $800,000.00 exceed the $0.00 earned by $800,000.00',
    });
    expect(programFindings(MS, s.facts).map((f) => f.ruleId)).toEqual([
      'state.fixed-split-cost-share',
      'state.claim-above-state-share',
    ]);
    expect(programFindings(MS, s.facts).slice(0, 1)).toEqual([
      {
        ruleId: 'state.fixed-split-cost-share',
        ruleSet: 'state-program-terms',
        citation: fixedSplitCostShareRule.citation,
        severity: 'violation',
        message:
          'District share $150,000.00 of $1,000,000.00 is below the minimum $200,000.00 (the state may pay at most $800,000.00 under terms version 1, effective 2020-07-01): ' +
          "the state share earned is $0.00 of $850,000.00 until a correcting fact brings the district's share up",
        sourceEventIds: [s.idOf('ProgramEstablished'), s.idOf('OrderPlaced')],
        subject: 'order-1',
      },
    ]);
  });

  it('given the 85/15 order, when OrderSharesCorrected brings the district to 20%, then the $800,000 is earned and the finding is gone', () => {
    const s = givenMississippi().given(placedAt(usd(850_000)));
    expect(orderViewReadModel.render('order-1', s.facts)?.earnedStateShare).toBe(0);
    s.given(
      fact('order-1', 'OrderSharesCorrected', {
        stateShare: usd(800_000),
        districtShare: usd(200_000),
        correctedOn: '2020-08-10',
        reason: 'District raised its share to the 20% minimum',
      }),
    );

    const view = orderViewReadModel.render('order-1', s.facts);

    expect(view).toMatchObject({
      stateShare: usd(800_000),
      districtShare: usd(200_000),
      placedShares: { stateShare: usd(850_000), districtShare: usd(150_000) },
      earnedStateShare: usd(800_000),
      earnedReason: 'terms-met',
    });
    expect(view?.trace.at(-1)?.sourceEventIds).toEqual([
      s.idOf('ProgramEstablished'),
      s.idOf('OrderPlaced'),
      s.idOf('OrderSharesCorrected'),
    ]);
    expect(programFindings(MS, s.facts)).toEqual([]);
    expect(programDashboardReadModel.render(MS, s.facts)?.funds.committed).toBe(usd(800_000));
  });

  it('same cent: a district share exactly at its minimum earns; one cent under earns nothing', () => {
    expect(
      earnedShareRule.apply(
        { total: 1_000, stateShare: 800, districtShare: 200, shareLimit: 800, capRoom: null },
        null,
      ),
    ).toEqual({ maxStateShare: 800, minDistrictShare: 200, termsMet: true, earned: 800 });
    expect(
      earnedShareRule.apply(
        { total: 1_000, stateShare: 801, districtShare: 199, shareLimit: 800, capRoom: null },
        null,
      ),
    ).toEqual({ maxStateShare: 800, minDistrictShare: 200, termsMet: false, earned: 0 });
  });

  it('a cap below the share limit lowers the most the state may pay; a cap above it changes nothing', () => {
    expect(
      earnedShareRule.apply({ total: 1_000, stateShare: 500, districtShare: 500, shareLimit: 800, capRoom: 500 }, null),
    ).toMatchObject({ maxStateShare: 500, termsMet: true, earned: 500 });
    expect(
      earnedShareRule.apply({ total: 1_000, stateShare: 800, districtShare: 200, shareLimit: 800, capRoom: 900 }, null),
    ).toMatchObject({ maxStateShare: 800, earned: 800 });
    expect(
      earnedShareRule.apply({ total: 1_000, stateShare: 501, districtShare: 499, shareLimit: 800, capRoom: 500 }, null),
    ).toMatchObject({ minDistrictShare: 500, termsMet: false, earned: 0 });
  });

  it('rounds so the state never pays a cent over 80% nor the district a cent under 20%', () => {
    expect(fixedSplitCostShareRule.apply({ eligibleTotal: 999 }, split)).toEqual({
      maxStateShare: 799,
      minDistrictShare: 200,
    });
  });

  it('reads the figures from the terms, not from code: a 70/30 program allows $700,000 on the same order', () => {
    expect(
      fixedSplitCostShareRule.apply(
        { eligibleTotal: usd(1_000_000) },
        { kind: 'fixed-split', stateMaxPercent: 70, districtMinPercent: 30 },
      ),
    ).toEqual({ maxStateShare: usd(700_000), minDistrictShare: usd(300_000) });
    expect(MS_TERMS.share).toEqual(split);
  });

  it('property: the maximum state share and the minimum district share always make up the eligible cost', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 0, max: 100 }),
        (total, stateMaxPercent) => {
          const { maxStateShare, minDistrictShare } = fixedSplitCostShareRule.apply(
            { eligibleTotal: total },
            { kind: 'fixed-split', stateMaxPercent, districtMinPercent: 100 - stateMaxPercent },
          );
          expect(maxStateShare + minDistrictShare).toBe(total);
        },
      ),
    );
  });

  it('property: when the terms are met, the earned state share and the district share make up the order total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (total, stateMaxPercent, fraction) => {
          const { maxStateShare } = fixedSplitCostShareRule.apply(
            { eligibleTotal: total },
            { kind: 'fixed-split', stateMaxPercent, districtMinPercent: 100 - stateMaxPercent },
          );
          const stateShare = Math.floor(maxStateShare * fraction);
          const outcome = earnedShareRule.apply(
            { total, stateShare, districtShare: total - stateShare, shareLimit: maxStateShare, capRoom: null },
            null,
          );
          expect(outcome.termsMet).toBe(true);
          expect(outcome.earned + (total - stateShare)).toBe(total);
        },
      ),
    );
  });
});
