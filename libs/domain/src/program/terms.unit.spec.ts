import { MS_TERMS } from '../../testing/state-program-fixtures';
import { type ProgramTerms, refuseContradictoryTerms } from './terms';

describe('program terms: the share check is exhaustive over share kinds', () => {
  it('given terms whose share is of no known kind (bypassing validation), when checked, then the check fails loudly naming the variant instead of letting them through', () => {
    const unknown = { ...MS_TERMS, share: { kind: 'per-pupil-grant', amount: 100 } } as unknown as ProgramTerms;
    expect(() => refuseContradictoryTerms(unknown)).toThrow(
      'Unhandled variant: {"kind":"per-pupil-grant","amount":100}',
    );
  });

  it('given consistent terms of a known kind, when checked, then nothing is refused', () => {
    expect(() => refuseContradictoryTerms(MS_TERMS)).not.toThrow();
  });
});
