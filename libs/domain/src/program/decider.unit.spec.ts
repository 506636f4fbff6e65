import { usd } from '../shared/money';
import { fact } from '../testing/scenario';
import { MS, msConnectsEstablished, newScenario } from '../testing/state-program-fixtures';
import { refusalCode } from '../testing/refusal-code';

const established = msConnectsEstablished().data as Record<string, unknown>;

describe('program decider', () => {
  it('refuses establishing a program twice', () => {
    expect(refusalCode(() => newScenario().given(msConnectsEstablished()).record(msConnectsEstablished()))).toBe('program-already-established');
  });

  it('refuses terms its rule set does not define: 70/30 under the 80/20 rule set, or matching under it', () => {
    expect(refusalCode(() => newScenario().record(fact(MS, 'ProgramEstablished', { ...established, costShare: { kind: 'fixed-split', stateMaxPercent: 70, districtMinPercent: 30 } })))).toBe(
      'cost-share-outside-rule-set',
    );
    expect(
      refusalCode(() => newScenario().record(fact(MS, 'ProgramEstablished', { ...established, costShare: { kind: 'matching-by-economically-disadvantaged-share', tableId: 'tea-operation-connectivity-2020' } }))),
    ).toBe('cost-share-outside-rule-set');
    expect(
      refusalCode(() =>
        newScenario().record(
          fact('program-tx', 'ProgramEstablished', { ...established, ruleSet: 'state-tx-connectivity-2020', costShare: { kind: 'matching-by-economically-disadvantaged-share', tableId: 'no-such-table' } }),
        ),
      ),
    ).toBe('unknown-match-table');
  });

  it('refuses facts on a program never established', () => {
    expect(refusalCode(() => newScenario().record(fact(MS, 'ProgramFundsAllocated', { applicant: 'applicant-a', amount: usd(1), allocatedOn: '2020-08-01' })))).toBe('program-not-established');
  });

  it('refuses allocations, requirements and a second closing on a closed program', () => {
    const s = newScenario().given(msConnectsEstablished(), fact(MS, 'ProgramClosed', { closedOn: '2021-12-30', reason: 'funds expended' }));
    expect(refusalCode(() => s.record(fact(MS, 'ProgramFundsAllocated', { applicant: 'applicant-a', amount: usd(1), allocatedOn: '2022-01-01' })))).toBe('program-closed');
    expect(refusalCode(() => s.record(fact(MS, 'ParticipationRequirementSet', { requirement: 'interlocal-agreement', esc: 'x', deadline: '2022-02-01', setOn: '2022-01-01' })))).toBe('program-closed');
    expect(refusalCode(() => s.record(fact(MS, 'ProgramClosed', { closedOn: '2022-01-01', reason: 'again' })))).toBe('program-closed');
  });
});
