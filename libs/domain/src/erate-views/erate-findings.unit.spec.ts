import { usd } from '../shared/money';
import { fact } from '../testing/scenario';
import { applicantRegistered, bidReceived, bidRequestPosted, erateScenario, frnDrafted, frnLine } from '../testing/erate-fixtures';
import { erateFindingsForApplicant, erateFindingsForFrn } from './erate-findings';

const world = () =>
  erateScenario().given(
    applicantRegistered('applicant-lea'),
    applicantRegistered('applicant-other'),
    fact('provider-143000001', 'ServiceProviderRegistered', { spin: '143000001', name: 'Acme', registeredOn: '2024-01-01' }),
    bidRequestPosted('procurement-470', { certifyDate: '2025-01-06' }),
    bidReceived('procurement-470', { bidId: 'B1', spin: '143000001' }),
    fact('procurement-470', 'ContractSigned', { bidId: 'B1', contractNumber: 'C-1', signedOn: '2025-01-20' }),
    frnDrafted('frn-1', { lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(1_000) })] }),
    fact('asset-1', 'AssetInstalled', { frn: 'frn-1', installedOn: '2025-08-01', product: 'Cabinet', eligible: false, quantity: 1 }),
    fact('provider-143000001', 'ProviderDonationMade', {
      donationId: 'D1', recipientOrganization: 'Foundation', beneficiaryApplicant: 'applicant-lea', amount: usd(10_000), madeOn: '2025-01-15', earmarkedForApplicant: true, bonaFideIndependentGrant: false,
    }),
    frnDrafted('frn-2', { applicant: 'applicant-other', procurement: 'procurement-999', spin: '777' }),
  );

describe('E-Rate findings by subject', () => {
  it('an FRN’s findings include its assets’ findings, most severe first', () => {
    const findings = erateFindingsForFrn('frn-1', world().facts);
    expect(findings[0]!.severity).toBe('serious');
    expect(findings.map((f) => [f.ruleId, f.subject])).toEqual(expect.arrayContaining([
      ['erate.provider-donation', 'frn-1'], ['erate.30-percent', 'frn-1'], ['erate.ineligible-identification', 'asset-1'], ['erate.records-retention', 'frn-1'],
    ]));
  });

  it('an applicant’s findings cover its FRNs, assets, procurements and donations naming it, and nobody else’s', () => {
    const s = world();
    const findings = erateFindingsForApplicant('applicant-lea', s.facts);
    expect(new Set(findings.map((f) => f.subject))).toEqual(new Set(['frn-1', 'asset-1', 'procurement-470', 'provider-143000001']));
    expect(findings).toContainEqual(expect.objectContaining({ ruleId: 'erate.allowable-contract-date', subject: 'procurement-470', sourceEventIds: [s.idOf('BidRequestPosted'), s.idOf('ContractSigned')] }));
    expect(findings).toContainEqual(expect.objectContaining({ ruleId: 'erate.provider-donation', subject: 'provider-143000001', sourceEventIds: [s.idOf('ProviderDonationMade')] }));
    const severities = findings.map((f) => ['serious', 'violation', 'warning', 'info'].indexOf(f.severity));
    expect(severities).toEqual([...severities].sort((a, b) => a - b));
    expect(erateFindingsForApplicant('applicant-other', s.facts).map((f) => f.subject)).toEqual(['frn-2']);
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
        donationId: 'D2', recipientOrganization: 'PTA', amount: usd(500), madeOn: '2020-05-01', earmarkedForApplicant: false, tiedToProcurement: 'procurement-470', bonaFideIndependentGrant: false,
      }),
    );
    expect(erateFindingsForApplicant('applicant-lea', s.facts)).toContainEqual(
      expect.objectContaining({ ruleId: 'erate.provider-donation', ruleSet: 'erate-fsa-2015', subject: 'provider-143000001', sourceEventIds: [s.idOf('ProviderDonationMade')] }),
    );
  });
});
