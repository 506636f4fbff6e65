import { fact } from '../../testing/scenario';
import { refusalCode } from '../../testing/refusal-code';
import { erateScenario } from '../../testing/erate-fixtures';
import { providerEvents } from './events';
import { providerStream } from './stream';

const registered = fact('provider-111', 'ServiceProviderRegistered', {
  spin: '111',
  name: 'Acme',
  registeredOn: '2024-01-01',
});
const gift = {
  applicant: 'applicant-lea',
  recipient: 'Technology director',
  description: 'Lunch',
  value: 1_500,
  givenOn: '2025-01-20',
};
const donation = {
  donationId: 'D1',
  recipientOrganization: 'Foundation',
  amount: 100,
  madeOn: '2025-01-01',
  earmarkedForApplicant: false,
  bonaFideIndependentGrant: true,
};

describe('provider decider', () => {
  it('refuses donations and subcontracts by a provider never registered', () => {
    const s = erateScenario();
    expect(refusalCode(() => s.record(fact('provider-111', 'ProviderDonationMade', donation)))).toBe(
      'provider-not-registered',
    );
    expect(
      refusalCode(() =>
        s.record(fact('provider-111', 'SubcontractorEngaged', { subcontractorSpin: '222', engagedOn: '2025-01-01' })),
      ),
    ).toBe('provider-not-registered');
    expect(refusalCode(() => s.record(fact('provider-111', 'GiftGiven', gift)))).toBe('provider-not-registered');
  });
  it('records a gift of any value with the rule set its metadata names (none: views judge it by the set for its date), and links the applicant and procurement', () => {
    const s = erateScenario().given(
      registered,
      fact('provider-111', 'GiftGiven', {
        ...gift,
        value: 10_000,
        givenOn: '2020-05-01',
        procurement: 'procurement-470',
      }),
      fact('provider-111', 'GiftGiven', { ...gift, value: 1_500, givenOn: '2021-05-01' }, { ruleSet: 'erate-2025' }),
    );
    const state = s.facts.state<{ gifts: { value: number; ruleSet?: string }[] }>('provider-111')!;
    expect(state.gifts.map((g) => [g.value, g.ruleSet])).toEqual([
      [10_000, undefined],
      [1_500, 'erate-2025'],
    ]);
    expect(providerStream.links(s.facts.state('provider-111') as never)).toEqual(['applicant-lea', 'procurement-470']);
  });
  it('refuses a gift whose metadata names a rule set the ledger does not know', () => {
    const s = erateScenario().given(registered);
    expect(refusalCode(() => s.record(fact('provider-111', 'GiftGiven', gift, { ruleSet: 'erate-1999' })))).toBe(
      'unknown-rule-set',
    );
  });
  it('refuses a SPIN registered on another provider’s stream, a second registration, a duplicate donation and self-subcontracting', () => {
    expect(
      refusalCode(() =>
        erateScenario().record(
          fact('provider-999', 'ServiceProviderRegistered', { spin: '111', name: 'Acme', registeredOn: '2024-01-01' }),
        ),
      ),
    ).toBe('provider-spin-mismatch');
    const s = erateScenario().given(registered, fact('provider-111', 'ProviderDonationMade', donation));
    expect(refusalCode(() => s.record(registered))).toBe('provider-already-registered');
    expect(refusalCode(() => s.record(fact('provider-111', 'ProviderDonationMade', donation)))).toBe(
      'provider-donation-duplicate',
    );
    expect(
      refusalCode(() =>
        s.record(fact('provider-111', 'SubcontractorEngaged', { subcontractorSpin: '111', engagedOn: '2025-01-01' })),
      ),
    ).toBe('provider-self-subcontract');
  });
});

describe('provider validators', () => {
  it('every catalog example is valid', () => {
    for (const [type, spec] of Object.entries(providerStream.events))
      expect([type, spec.validate(spec.example)]).toEqual([type, []]);
  });
  it('name every bad field', () => {
    expect(
      providerEvents.ProviderDonationMade.validate({
        donationId: 'D',
        recipientOrganization: 'F',
        beneficiaryApplicant: 'lea',
        amount: -1,
        madeOn: 'soon',
        earmarkedForApplicant: 'yes',
        tiedToProcurement: 'frn-1',
      })
        .map((e) => e.field)
        .sort(),
    ).toEqual([
      'amount',
      'beneficiaryApplicant',
      'bonaFideIndependentGrant',
      'earmarkedForApplicant',
      'madeOn',
      'tiedToProcurement',
    ]);
  });
});
