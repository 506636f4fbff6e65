import fc from 'fast-check';
import { usd } from '../../shared/money';
import { programDashboardReadModel } from '../../program-dashboard/program-dashboard-read-model';
import { programFindings } from '../../program-dashboard/program-findings';
import { MS, chromebooks, mltiJoinedByMsAndTx, msConnectsEstablished, newScenario, orderPlaced, registered } from '../../testing/state-program-fixtures';
import { fixedSplitCostShareRule } from './fixed-split-cost-share-rule';
import { msConnects2020 } from './rule-sets';

const JACKSON = 'applicant-jackson';
// 4,000 Chromebooks at $250 = $1,000,000, the seed's "up to 80 percent … if districts covered at least 20 percent".
const millionDollarOrder = chromebooks(4_000, usd(250));

const givenMississippi = () => newScenario().given(msConnectsEstablished(), ...mltiJoinedByMsAndTx(), registered(JACKSON));

describe('Mississippi Connects 80/20 cost share (state-ms-connects-2020)', () => {
  it('a $1,000,000 order split $800,000 state / $200,000 district is within the rule', () => {
    const s = givenMississippi().given(orderPlaced('order-1', { program: MS, applicant: JACKSON, lines: [millionDollarOrder], stateShare: usd(800_000), districtShare: usd(200_000) }));

    const dashboard = programDashboardReadModel.render(MS, s.facts);

    expect(dashboard?.orders[0]).toMatchObject({ total: usd(1_000_000), stateShare: usd(800_000), districtShare: usd(200_000), maxStateShare: usd(800_000), counted: true });
    expect(programFindings(MS, s.facts)).toEqual([]);
  });

  it('a 75/25 split is fine: the state may pay less than its maximum', () => {
    const s = givenMississippi().given(orderPlaced('order-1', { program: MS, applicant: JACKSON, lines: [millionDollarOrder], stateShare: usd(750_000), districtShare: usd(250_000) }));

    expect(programFindings(MS, s.facts)).toEqual([]);
  });

  it('an 85/15 split is recorded and produces a violation citing the rule and the events', () => {
    const s = givenMississippi().given(orderPlaced('order-1', { program: MS, applicant: JACKSON, lines: [millionDollarOrder], stateShare: usd(850_000), districtShare: usd(150_000) }));

    expect(programFindings(MS, s.facts)).toEqual([
      {
        ruleId: 'state.fixed-split-cost-share',
        ruleSet: 'state-ms-connects-2020',
        citation: fixedSplitCostShareRule.citation,
        severity: 'violation',
        message: 'State share $850,000.00 / district share $150,000.00 of $1,000,000.00: the state may pay at most $800,000.00 and the district must pay at least $200,000.00',
        sourceEventIds: [s.idOf('ProgramEstablished'), s.idOf('OrderPlaced')],
        subject: 'order-1',
      },
    ]);
  });

  it('rounds so the state never pays a cent over 80% nor the district a cent under 20%', () => {
    const outcome = fixedSplitCostShareRule.apply({ total: 999, stateShare: 800, districtShare: 199 }, msConnects2020.params);

    expect(outcome).toMatchObject({ maxStateShare: 799, minDistrictShare: 200, stateOverMax: true, districtUnderMin: true, stateExcess: 1 });
  });

  it('property: the maximum state share and the minimum district share always make up the order total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 0, max: 100 }), (total, stateMaxPercent) => {
        const params = { ...msConnects2020.params, stateMaxPercent, districtMinPercent: 100 - stateMaxPercent };
        const { maxStateShare, minDistrictShare } = fixedSplitCostShareRule.apply({ total, stateShare: 0, districtShare: total }, params);
        expect(maxStateShare + minDistrictShare).toBe(total);
      }),
    );
  });
});
