import { usd } from '../shared/money';
import { fact } from '../../testing/scenario';
import { MS, MS_TERMS, msConnectsEstablished, newScenario } from '../../testing/state-program-fixtures';
import { type ProgramState } from './state';
import { refusalCode } from '../../testing/refusal-code';

const established = msConnectsEstablished().data as Record<string, unknown>;

describe('program decider', () => {
  it('refuses establishing a program twice', () => {
    expect(refusalCode(() => newScenario().given(msConnectsEstablished()).record(msConnectsEstablished()))).toBe(
      'program-already-established',
    );
  });

  const withTerms = (terms: Record<string, unknown>) =>
    fact(MS, 'ProgramEstablished', { ...established, terms: { interlocalAgreementRequired: false, ...terms } });
  const bands = (...b: [number, number][]) => ({
    share: {
      kind: 'matching-by-economically-disadvantaged-share',
      bands: b.map(([fromShare, matchRate]) => ({ fromShare, matchRate })),
    },
  });

  it.each([
    [
      'a fixed split whose percentages add up to 90',
      { share: { kind: 'fixed-split', stateMaxPercent: 70, districtMinPercent: 20 } },
      'terms.split-does-not-add-up',
    ],
    [
      'a fixed split whose percentages add up to 101',
      { share: { kind: 'fixed-split', stateMaxPercent: 81, districtMinPercent: 20 } },
      'terms.split-does-not-add-up',
    ],
    ['bands not starting at 0', bands([1, 2_500], [4_000, 4_000]), 'terms.bands-must-start-at-zero'],
    ['bands out of order', bands([0, 2_500], [6_000, 5_000], [4_000, 4_000]), 'terms.bands-out-of-order'],
    ['two bands from the same share', bands([0, 2_500], [4_000, 4_000], [4_000, 5_000]), 'terms.bands-out-of-order'],
    ['a band rate above 100%', bands([0, 10_001]), 'terms.rate-outside-range'],
    ['a band starting above 100%', bands([0, 2_500], [10_001, 5_000]), 'terms.rate-outside-range'],
    ['a flat match above 100%', { share: { kind: 'flat-match', matchRate: 10_001 } }, 'terms.rate-outside-range'],
    [
      'a per-order cap above the per-district cap',
      { share: { kind: 'flat-match', matchRate: 5_000 }, caps: { perOrder: 1_001, perDistrict: 1_000 } },
      'terms.caps-contradict',
    ],
    [
      'eligible items naming nothing',
      { share: { kind: 'flat-match', matchRate: 5_000 }, eligibleItems: { itemIds: [], kinds: [] } },
      'terms.no-eligible-items',
    ],
    [
      'eligible items naming an item twice',
      { share: { kind: 'flat-match', matchRate: 5_000 }, eligibleItems: { itemIds: ['chromebook', 'chromebook'] } },
      'terms.eligible-items-repeated',
    ],
    [
      'eligible items naming a kind twice',
      { share: { kind: 'flat-match', matchRate: 5_000 }, eligibleItems: { kinds: ['device', 'device'] } },
      'terms.eligible-items-repeated',
    ],
  ])('refuses terms that contradict themselves: %s', (_why, terms, code) => {
    const s = newScenario();
    expect(refusalCode(() => s.record(withTerms(terms)))).toBe(code);
    expect(s.recorded).toHaveLength(0);
  });

  it.each([
    ['an 80/20 split', { share: { kind: 'fixed-split', stateMaxPercent: 80, districtMinPercent: 20 } }],
    ['a 100/0 split', { share: { kind: 'fixed-split', stateMaxPercent: 100, districtMinPercent: 0 } }],
    ['bands from 0 up to exactly 100%', bands([0, 0], [5_000, 5_000], [10_000, 10_000])],
    ['a flat match of exactly 100%', { share: { kind: 'flat-match', matchRate: 10_000 } }],
    [
      'a per-order cap equal to the per-district cap',
      { share: { kind: 'flat-match', matchRate: 5_000 }, caps: { perOrder: 1_000, perDistrict: 1_000 } },
    ],
    [
      'eligible items by kind only',
      { share: { kind: 'flat-match', matchRate: 5_000 }, eligibleItems: { kinds: ['device'] } },
    ],
    [
      'eligible items by id only',
      { share: { kind: 'flat-match', matchRate: 5_000 }, eligibleItems: { itemIds: ['chromebook'] } },
    ],
  ])('records terms that hold together: %s', (_why, terms) => {
    expect(newScenario().record(withTerms(terms))).toHaveLength(1);
  });

  it('refuses an unknown rule set, and records the state-program terms rule set by name', () => {
    expect(
      refusalCode(() =>
        newScenario().record(fact(MS, 'ProgramEstablished', { ...established, ruleSet: 'state-ms-connects-2020' })),
      ),
    ).toBe('unknown-rule-set');
    expect(
      newScenario().record(fact(MS, 'ProgramEstablished', { ...established, ruleSet: 'state-program-terms' })),
    ).toHaveLength(1);
  });

  it('given terms effective 2020-07-01, refuses an amendment effective the same day or earlier, records one effective the day after', () => {
    const s = newScenario().given(msConnectsEstablished());
    const amend = (effectiveFrom: string, terms: unknown = MS_TERMS) =>
      fact(MS, 'ProgramTermsAmended', { terms, effectiveFrom, reason: 'second round' });
    expect(refusalCode(() => s.record(amend('2020-07-01')))).toBe('terms.effective-dates-overlap');
    expect(refusalCode(() => s.record(amend('2020-06-30')))).toBe('terms.effective-dates-overlap');
    expect(
      refusalCode(() =>
        s.record(
          amend('2020-07-02', {
            ...MS_TERMS,
            share: { kind: 'fixed-split', stateMaxPercent: 75, districtMinPercent: 20 },
          }),
        ),
      ),
    ).toBe('terms.split-does-not-add-up');
    expect(s.record(amend('2020-07-02'))).toHaveLength(1);
    expect(refusalCode(() => s.record(amend('2020-07-02')))).toBe('terms.effective-dates-overlap');
    expect(s.facts.state<ProgramState>(MS)?.termsVersions.map((v) => [v.version, v.effectiveFrom])).toEqual([
      [1, '2020-07-01'],
      [2, '2020-07-02'],
    ]);
  });

  it('refuses amending the terms of a program never established, or closed', () => {
    const amend = fact(MS, 'ProgramTermsAmended', { terms: MS_TERMS, effectiveFrom: '2022-01-01', reason: 'x' });
    expect(refusalCode(() => newScenario().record(amend))).toBe('program-not-established');
    expect(
      refusalCode(() =>
        newScenario()
          .given(msConnectsEstablished(), fact(MS, 'ProgramClosed', { closedOn: '2021-12-30', reason: 'done' }))
          .record(amend),
      ),
    ).toBe('program-closed');
  });

  it('refuses facts on a program never established', () => {
    expect(
      refusalCode(() =>
        newScenario().record(
          fact(MS, 'ProgramFundsAllocated', { applicant: 'applicant-a', amount: usd(1), allocatedOn: '2020-08-01' }),
        ),
      ),
    ).toBe('program-not-established');
  });

  it('refuses allocations, requirements and a second closing on a closed program', () => {
    const s = newScenario().given(
      msConnectsEstablished(),
      fact(MS, 'ProgramClosed', { closedOn: '2021-12-30', reason: 'funds expended' }),
    );
    expect(
      refusalCode(() =>
        s.record(
          fact(MS, 'ProgramFundsAllocated', { applicant: 'applicant-a', amount: usd(1), allocatedOn: '2022-01-01' }),
        ),
      ),
    ).toBe('program-closed');
    expect(
      refusalCode(() =>
        s.record(
          fact(MS, 'ParticipationRequirementSet', {
            requirement: 'interlocal-agreement',
            esc: 'x',
            deadline: '2022-02-01',
            setOn: '2022-01-01',
          }),
        ),
      ),
    ).toBe('program-closed');
    expect(refusalCode(() => s.record(fact(MS, 'ProgramClosed', { closedOn: '2022-01-01', reason: 'again' })))).toBe(
      'program-closed',
    );
  });
});
