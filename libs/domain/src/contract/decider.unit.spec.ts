import { fact } from '../../testing/scenario';
import { MLTI, mltiAwarded, newScenario } from '../../testing/state-program-fixtures';
import { refusalCode } from '../../testing/refusal-code';
import { type ContractState } from './state';

describe('contract decider', () => {
  it('records participating states in their staged roles', () => {
    const s = newScenario().given(
      mltiAwarded(),
      fact(MLTI, 'ParticipatingAddendumSigned', { usState: 'NV', role: 'master-contract', signedOn: '2016-01-05' }),
    );
    s.record(
      fact(MLTI, 'ParticipatingAddendumSigned', {
        usState: 'NV',
        role: 'purchasing-aggregator',
        signedOn: '2016-06-01',
      }),
    );
    expect(s.facts.state<ContractState>(MLTI)?.addenda.map((a) => a.role)).toEqual([
      'master-contract',
      'purchasing-aggregator',
    ]);
    expect(
      refusalCode(() =>
        s.record(
          fact(MLTI, 'ParticipatingAddendumSigned', { usState: 'NV', role: 'master-contract', signedOn: '2016-07-01' }),
        ),
      ),
    ).toBe('addendum-already-signed');
  });

  it('refuses a second award, addenda and extensions of a contract never awarded, and an extension that shortens the term', () => {
    expect(refusalCode(() => newScenario().given(mltiAwarded()).record(mltiAwarded()))).toBe(
      'contract-already-awarded',
    );
    expect(
      refusalCode(() =>
        newScenario().record(
          fact(MLTI, 'ParticipatingAddendumSigned', { usState: 'NV', role: 'master-contract', signedOn: '2016-01-05' }),
        ),
      ),
    ).toBe('contract-not-awarded');
    expect(
      refusalCode(() =>
        newScenario().record(
          fact(MLTI, 'ContractExtended', {
            termEnd: '2026-06-30',
            repairReplacementCoverageEndsOn: '2025-06-30',
            extendedOn: '2024-01-01',
          }),
        ),
      ),
    ).toBe('contract-not-awarded');
    expect(
      refusalCode(() =>
        newScenario()
          .given(mltiAwarded())
          .record(
            fact(MLTI, 'ContractExtended', {
              termEnd: '2023-06-30',
              repairReplacementCoverageEndsOn: '2023-06-30',
              extendedOn: '2022-01-01',
            }),
          ),
      ),
    ).toBe('extension-shortens-term');
  });
});
