import { usd } from '../shared/money';
import { fact } from '../../testing/scenario';
import {
  applicantRegistered,
  bidReceived,
  bidRequestPosted,
  erateScenario,
  frnDrafted,
  frnLine,
} from '../../testing/erate-fixtures';
import { erateFindingsForApplicant, erateFindingsForFrn } from './erate-findings';

const world = () =>
  erateScenario().given(
    applicantRegistered('applicant-lea'),
    applicantRegistered('applicant-other'),
    fact('provider-143000001', 'ServiceProviderRegistered', {
      spin: '143000001',
      name: 'Acme',
      registeredOn: '2024-01-01',
    }),
    bidRequestPosted('procurement-470', { certifyDate: '2025-01-06' }),
    bidReceived('procurement-470', { bidId: 'B1', spin: '143000001' }),
    fact('procurement-470', 'ContractSigned', { bidId: 'B1', contractNumber: 'C-1', signedOn: '2025-01-20' }),
    frnDrafted('frn-1', { lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(1_000) })] }),
    fact('asset-1', 'AssetInstalled', {
      frn: 'frn-1',
      installedOn: '2025-08-01',
      product: 'Cabinet',
      eligible: false,
      quantity: 1,
    }),
    fact('provider-143000001', 'ProviderDonationMade', {
      donationId: 'D1',
      recipientOrganization: 'Foundation',
      beneficiaryApplicant: 'applicant-lea',
      amount: usd(10_000),
      madeOn: '2025-01-15',
      earmarkedForApplicant: true,
      bonaFideIndependentGrant: false,
    }),
    frnDrafted('frn-2', { applicant: 'applicant-other', procurement: 'procurement-999', spin: '777' }),
  );

describe('E-Rate findings by subject', () => {
  it('an FRN’s findings include its assets’ findings, most severe first', () => {
    const findings = erateFindingsForFrn('frn-1', world().facts);
    expect(findings[0]!.severity).toBe('serious');
    expect(findings.map((f) => [f.ruleId, f.subject])).toEqual(
      expect.arrayContaining([
        ['erate.provider-donation', 'frn-1'],
        ['erate.30-percent', 'frn-1'],
        ['erate.ineligible-identification', 'asset-1'],
        ['erate.records-retention', 'frn-1'],
      ]),
    );
  });

  it('an applicant’s findings cover its FRNs, assets, procurements and donations naming it, and nobody else’s', () => {
    const s = world();
    const findings = erateFindingsForApplicant('applicant-lea', s.facts);
    expect(new Set(findings.map((f) => f.subject))).toEqual(
      new Set(['frn-1', 'asset-1', 'procurement-470', 'provider-143000001']),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'erate.allowable-contract-date',
        subject: 'procurement-470',
        sourceEventIds: [s.idOf('BidRequestPosted'), s.idOf('ContractSigned')],
      }),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'erate.provider-donation',
        subject: 'provider-143000001',
        sourceEventIds: [s.idOf('ProviderDonationMade')],
      }),
    );
    const severities = findings.map((f) => ['serious', 'violation', 'warning', 'info'].indexOf(f.severity));
    expect(severities).toEqual([...severities].sort((a, b) => a - b));
    expect(new Set(erateFindingsForApplicant('applicant-other', s.facts).map((f) => f.subject))).toEqual(
      new Set(['frn-2']),
    );
  });

  it('every finding names a rule set and a citation', () => {
    for (const f of erateFindingsForApplicant('applicant-lea', world().facts)) {
      expect(f.ruleSet).toMatch(/^erate-/);
      expect(f.citation.length).toBeGreaterThan(10);
    }
  });

  it('a donation tied to one of the applicant’s procurements is found on the applicant, judged by the rules when it was made', () => {
    const s = world().given(
      fact('provider-143000001', 'ProviderDonationMade', {
        donationId: 'D2',
        recipientOrganization: 'PTA',
        amount: usd(500),
        madeOn: '2020-05-01',
        earmarkedForApplicant: false,
        tiedToProcurement: 'procurement-470',
        bonaFideIndependentGrant: false,
      }),
    );
    expect(erateFindingsForApplicant('applicant-lea', s.facts)).toContainEqual(
      expect.objectContaining({
        ruleId: 'erate.provider-donation',
        ruleSet: 'erate-fsa-2015',
        subject: 'provider-143000001',
        sourceEventIds: [s.idOf('ProviderDonationMade')],
      }),
    );
  });

  describe('gift rules (47 CFR § 54.503(d); USAC "Gift Rules")', () => {
    const P = 'provider-143000001';
    const gift = (value: number, givenOn: string, more: object = {}) =>
      fact(P, 'GiftGiven', {
        applicant: 'applicant-lea',
        recipient: 'Technology director',
        description: 'Lunch',
        value,
        givenOn,
        ...more,
      });
    const giftFindings = (s: ReturnType<typeof world>, applicant = 'applicant-lea') =>
      erateFindingsForApplicant(applicant, s.facts).filter((f) => f.ruleId === 'erate.gift-rules');

    it('given a provider gift of $20.01 during the procurement, then the applicant sees a violation on the provider, with the rule set of the gift day', () => {
      const s = world().given(
        gift(2_001, '2025-01-20', { procurement: 'procurement-470', givenBy: 'Account manager' }),
      );
      expect(giftFindings(s)).toEqual([
        {
          ruleId: 'erate.gift-rules',
          ruleSet: 'erate-2025',
          severity: 'violation',
          subject: P,
          sourceEventIds: [s.idOf('GiftGiven')],
          citation: expect.stringContaining('47 CFR § 54.503(d)'),
          message:
            'provider-143000001 gave Technology director of applicant-lea Lunch worth $20.01 on 2025-01-20, during procurement-470: more than $20.00 an item',
        },
      ]);
    });

    it('given $20.00 gifts adding to $50.00 in a funding year, then no finding; one cent more is a violation citing every gift', () => {
      const s = world().given(gift(2_000, '2024-08-01'), gift(2_000, '2025-01-20'), gift(1_000, '2025-06-30'));
      expect(giftFindings(s)).toEqual([]);
      s.record(gift(1, '2025-06-30'));
      expect(giftFindings(s)).toEqual([
        expect.objectContaining({
          severity: 'violation',
          sourceEventIds: s.recorded.filter((e) => e.type === 'GiftGiven').map((e) => e.id),
          message: expect.stringContaining('gifts worth $50.01 in FY2024'),
        }),
      ]);
    });

    it('a gift to another applicant is not this applicant’s finding, and reaches the other through the provider’s links', () => {
      const s = world().given(gift(5_000, '2025-01-20', { applicant: 'applicant-other' }));
      expect(giftFindings(s)).toEqual([]);
      expect(giftFindings(s, 'applicant-other').map((f) => [f.ruleId, f.subject])).toEqual([['erate.gift-rules', P]]);
    });
  });
});
