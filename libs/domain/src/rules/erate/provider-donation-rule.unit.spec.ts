import { usd } from '../../shared/money';
import { erate2025 } from '../../rule-set/erate-rule-sets';
import { type DonationByProvider, grantIndependenceRule, providerDonationRule } from './provider-donation-rule';

const p = erate2025.params;

const donation = (donationId: string, extra: Partial<DonationByProvider>): DonationByProvider => ({
  donationId,
  recipientOrganization: 'Springfield Education Foundation',
  amount: usd(25_000),
  madeOn: '2024-01-10',
  earmarkedForApplicant: false,
  bonaFideIndependentGrant: false,
  eventId: `evt-${donationId}`,
  provider: 'provider-143000001',
  ...extra,
});

/** One FRN of Springfield USD (which files for the Shelbyville library too), under procurement proc-2024-01. */
const frn = { applicants: ['applicant-springfield', 'applicant-shelbyville-library'], procurement: 'proc-2024-01' };

describe('provider donations (erate.provider-donation)', () => {
  it('compliant: a donation neither earmarked for an applicant nor tied to a procurement gives no finding', () => {
    expect(
      providerDonationRule.apply({ donations: [donation('d1', { beneficiaryApplicant: 'applicant-springfield' })] }, p),
    ).toEqual([]);
    expect(providerDonationRule.apply({ donations: [donation('d1', {})], frn }, p)).toEqual([]);
  });
  it('compliant: marked earmarked but naming no applicant, and tied to nothing: no finding', () => {
    expect(providerDonationRule.apply({ donations: [donation('d2', { earmarkedForApplicant: true })] }, p)).toEqual([]);
  });
  it('a donation earmarked for an applicant is serious, naming the donor, amount, recipient and applicant', () => {
    expect(
      providerDonationRule.apply(
        { donations: [donation('d3', { earmarkedForApplicant: true, beneficiaryApplicant: 'applicant-springfield' })] },
        p,
      ),
    ).toEqual([
      {
        severity: 'serious',
        message:
          'Provider provider-143000001 donated $25,000.00 to Springfield Education Foundation, earmarked for applicant-springfield',
        sourceEventIds: ['evt-d3'],
      },
    ]);
  });
  it("a subcontractor's donation tied to a procurement is serious and names the prime provider", () => {
    expect(
      providerDonationRule.apply(
        {
          donations: [
            donation('d4', {
              provider: 'provider-sub-7',
              asSubcontractorOf: 'provider-143000001',
              tiedToProcurement: 'proc-2024-01',
            }),
          ],
        },
        p,
      ),
    ).toEqual([
      {
        severity: 'serious',
        message:
          'Subcontractor provider-sub-7 of provider-143000001 donated $25,000.00 to Springfield Education Foundation, tied to proc-2024-01',
        sourceEventIds: ['evt-d4'],
      },
    ]);
  });
  it('earmarked and tied: both are named', () => {
    const d = donation('d5', {
      earmarkedForApplicant: true,
      beneficiaryApplicant: 'applicant-shelbyville-library',
      tiedToProcurement: 'proc-2024-01',
    });
    expect(providerDonationRule.apply({ donations: [d], frn }, p)[0]?.message).toBe(
      'Provider provider-143000001 donated $25,000.00 to Springfield Education Foundation, earmarked for applicant-shelbyville-library and tied to proc-2024-01',
    );
  });
  it('judging one FRN: a donation earmarked for a member it files for counts; one for another applicant does not', () => {
    const forMember = donation('d6', {
      earmarkedForApplicant: true,
      beneficiaryApplicant: 'applicant-shelbyville-library',
    });
    const forOther = donation('d7', { earmarkedForApplicant: true, beneficiaryApplicant: 'applicant-capital-city' });
    expect(
      providerDonationRule.apply({ donations: [forMember, forOther], frn }, p).map((b) => b.sourceEventIds),
    ).toEqual([['evt-d6']]);
  });
  it('judging one FRN: a donation tied to its procurement counts; one tied to another procurement does not', () => {
    const tiedHere = donation('d8', { tiedToProcurement: 'proc-2024-01' });
    const tiedElsewhere = donation('d9', { tiedToProcurement: 'proc-2024-09' });
    expect(
      providerDonationRule.apply({ donations: [tiedHere, tiedElsewhere], frn }, p).map((b) => b.sourceEventIds),
    ).toEqual([['evt-d8']]);
  });
  it('judging one FRN: naming one of its applicants without earmarking, tied to another procurement, does not count', () => {
    const d = donation('d10', { beneficiaryApplicant: 'applicant-springfield', tiedToProcurement: 'proc-2024-09' });
    expect(providerDonationRule.apply({ donations: [d], frn }, p)).toEqual([]);
  });
});

describe('grant independence (erate.bona-fide-grant)', () => {
  it('a grant from an organisation independent of the provider is compliant; one that is not is serious', () => {
    expect(
      grantIndependenceRule.apply(
        {
          grants: [
            {
              grantor: 'State Library Trust',
              amount: usd(10_000),
              independentOfServiceProvider: true,
              eventId: 'evt-g1',
            },
            { grantor: 'Acme Foundation', amount: usd(5_000), independentOfServiceProvider: false, eventId: 'evt-g2' },
          ],
        },
        p,
      ),
    ).toEqual([
      {
        severity: 'serious',
        message: 'Grant of $5,000.00 from Acme Foundation is not independent of the service provider',
        sourceEventIds: ['evt-g2'],
      },
    ]);
  });
});
