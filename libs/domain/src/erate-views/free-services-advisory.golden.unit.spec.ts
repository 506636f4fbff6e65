import { usd } from '../shared/money';
import { fact } from '../../testing/scenario';
import { applicantRegistered, erateScenario, frnDrafted, frnLine } from '../../testing/erate-fixtures';
import { renderFundingRequest } from './funding-request-read-model';

// Golden tests: the worked examples of the USAC Free Services Advisory (September 2015), to the cent.
// The applicant has 60% NSLP students in an urban district: an 80% Category 1 discount.
const FRN = 'frn-1';
const lea = applicantRegistered('applicant-lea');

const view = (s: ReturnType<typeof erateScenario>) => {
  const v = renderFundingRequest(FRN, s.facts);
  if (!v) throw new Error('no funding request view');
  return v;
};

describe('Free Services Advisory worked examples', () => {
  it('Ex. 1: a 20% price reduction on a $100 service makes the pre-discount cost $80', () => {
    const s = erateScenario().given(
      lea,
      frnDrafted(FRN, { lines: [frnLine({ lineId: 'L1', product: 'Internet access', usualUnitPrice: usd(100) })] }),
      fact(FRN, 'PriceReductionOffered', { description: '20 percent price reduction', rateBasisPoints: 2_000 }),
    );
    const v = view(s);
    expect(v.usualCost).toBe(usd(100));
    expect(v.deductions).toEqual([
      expect.objectContaining({
        kind: 'price-reduction',
        amount: usd(20),
        sourceEventId: s.idOf('PriceReductionOffered'),
      }),
    ]);
    expect(v.eligiblePreDiscountCost).toBe(usd(80));
    expect(v.requestedCommitment).toBe(usd(64));
    expect(v.nonDiscountShare!.amount).toBe(usd(16));
  });

  it('Ex. 2: a 60% discount on a $300 ineligible service bought with a $200 eligible one leaves $128 eligible', () => {
    const s = erateScenario().given(
      lea,
      frnDrafted(FRN, {
        lines: [
          frnLine({ lineId: 'E', product: 'Eligible service', usualUnitPrice: usd(200) }),
          frnLine({ lineId: 'I', product: 'Ineligible service', eligible: false, usualUnitPrice: usd(300) }),
        ],
      }),
      fact(FRN, 'BundleDiscountOffered', {
        description: '60% off the ineligible service when bought together',
        quotedTotal: usd(320),
      }),
    );
    const v = view(s);
    expect(v.usualCost).toBe(usd(500));
    expect(v.preDiscountCost).toBe(usd(320));
    expect(v.lines.map((l) => l.preDiscountCost)).toEqual([usd(128), usd(192)]);
    expect(v.eligiblePreDiscountCost).toBe(usd(128));
    // The ineligible service is 60% of what the request still carries: the 30% rule denies it as drafted.
    expect(v.thirtyPercentRule).toEqual({ outcome: 'deny', deniedFor: 'ineligible-share' });
  });

  it('Ex. 2: with the ineligible service bought outside the request, the $128 eligible request is approvable', () => {
    const s = erateScenario().given(
      lea,
      frnDrafted(FRN, { lines: [frnLine({ lineId: 'E', product: 'Eligible service', usualUnitPrice: usd(200) })] }),
      fact(FRN, 'BundleDiscountOffered', {
        description: 'Bundle with ineligible service',
        partsOutsideRequestUsualCost: usd(300),
        quotedTotal: usd(320),
      }),
    );
    const v = view(s);
    expect(v.deductions[0]).toEqual(expect.objectContaining({ kind: 'bundle-discount', amount: usd(72) }));
    expect(v.eligiblePreDiscountCost).toBe(usd(128));
    expect(v.thirtyPercentRule!.outcome).toBe('approvable');
    expect(v.requestedCommitment).toBe(usd(102.4));
  });

  describe('Ex. 3: five free cell phones worth $700 with a $10,000 eligible purchase', () => {
    const given = (treatment: string) =>
      erateScenario().given(
        lea,
        frnDrafted(FRN, { lines: [frnLine({ lineId: 'L1', product: 'Switches', usualUnitPrice: usd(10_000) })] }),
        fact(FRN, 'FreeItemOffered', {
          description: 'cell phones',
          quantity: 5,
          fairMarketValue: usd(700),
          tiedToPurchase: true,
          treatment,
        }),
      );

    it('subtracting the fair market value leaves $9,300', () => {
      const v = view(given('subtract'));
      expect(v.eligiblePreDiscountCost).toBe(usd(9_300));
      expect(v.findings.filter((f) => f.ruleId === 'erate.free-item-deduction')).toEqual([]);
    });

    it('cost-allocating spreads the $10,000 paid over $10,700 of value: $9,345.79 eligible', () => {
      const v = view(given('cost-allocate'));
      expect(v.deductions[0]!.amount).toBe(65_421);
      expect(v.eligiblePreDiscountCost).toBe(934_579);
    });

    it('not deducting is a violation, and only $9,300 may be requested', () => {
      const s = given('not-deducted');
      const v = view(s);
      expect(v.eligiblePreDiscountCost).toBe(usd(9_300));
      expect(v.findings).toContainEqual(
        expect.objectContaining({
          ruleId: 'erate.free-item-deduction',
          severity: 'violation',
          sourceEventIds: [s.idOf('FreeItemOffered')],
          subject: FRN,
        }),
      );
    });

    it('a free item not tied to the purchase is a gift: nothing comes off', () => {
      const s = erateScenario().given(
        lea,
        frnDrafted(FRN, { lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(10_000) })] }),
        fact(FRN, 'FreeItemOffered', {
          description: 'cell phones',
          quantity: 5,
          fairMarketValue: usd(700),
          tiedToPurchase: false,
          treatment: 'not-deducted',
        }),
      );
      expect(view(s).eligiblePreDiscountCost).toBe(usd(10_000));
      expect(view(s).findings.filter((f) => f.ruleId === 'erate.free-item-deduction')).toEqual([]);
    });
  });

  describe('Ex. 4: one price for a mixed-eligibility bundle', () => {
    it('Internet access, broadband and requested web hosting at a single price cannot be approved', () => {
      const s = erateScenario().given(
        lea,
        frnDrafted(FRN, {
          singleBundlePrice: usd(12_000),
          lines: [
            frnLine({ lineId: 'IA', product: 'Internet access' }),
            frnLine({ lineId: 'BB', product: 'High speed broadband' }),
            frnLine({
              lineId: 'WH',
              product: 'Web hosting',
              eligible: false,
              ancillary: false,
              specificallyRequested: true,
            }),
          ],
        }),
      );
      const v = view(s);
      expect(v.thirtyPercentRule).toEqual({ outcome: 'deny', deniedFor: 'unseparated-bundle' });
      expect(v.fundableCommitment).toBe(0);
      expect(v.findings).toContainEqual(
        expect.objectContaining({
          ruleId: 'erate.eligible-cost',
          severity: 'violation',
          message: expect.stringContaining('WH'),
        }),
      );
    });

    it('standard e-mail ancillary to Internet access, not requested: the full price is eligible', () => {
      const s = erateScenario().given(
        lea,
        frnDrafted(FRN, {
          singleBundlePrice: usd(12_000),
          lines: [
            frnLine({ lineId: 'IA', product: 'Internet access', usualUnitPrice: usd(11_000) }),
            frnLine({
              lineId: 'EM',
              product: 'E-mail',
              eligible: false,
              ancillary: true,
              specificallyRequested: false,
              usualUnitPrice: usd(1_000),
            }),
          ],
        }),
      );
      const v = view(s);
      expect(v.usualCost).toBe(usd(12_000));
      expect(v.eligiblePreDiscountCost).toBe(usd(12_000));
      expect(v.thirtyPercentRule!.outcome).toBe('approvable');
      expect(v.requestedCommitment).toBe(usd(9_600));
    });

    it('an ancillary feature the applicant specifically requested is not ancillary', () => {
      const s = erateScenario().given(
        lea,
        frnDrafted(FRN, {
          singleBundlePrice: usd(12_000),
          lines: [
            frnLine({ lineId: 'IA', product: 'Internet access' }),
            frnLine({ lineId: 'EM', product: 'E-mail', eligible: false, ancillary: true, specificallyRequested: true }),
          ],
        }),
      );
      expect(view(s).thirtyPercentRule).toEqual({ outcome: 'deny', deniedFor: 'unseparated-bundle' });
    });
  });

  it('Ex. 5: a 10% prompt-payment discount on $1,000 makes $900 eligible', () => {
    const s = erateScenario().given(
      lea,
      frnDrafted(FRN, { lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(1_000) })] }),
      fact(FRN, 'PromptPaymentDiscountOffered', { rateBasisPoints: 1_000, withinDays: 30 }),
    );
    const v = view(s);
    expect(v.deductions).toEqual([
      expect.objectContaining({
        kind: 'prompt-payment-discount',
        amount: usd(100),
        sourceEventId: s.idOf('PromptPaymentDiscountOffered'),
      }),
    ]);
    expect(v.eligiblePreDiscountCost).toBe(usd(900));
  });

  describe('Ex. 6: a $10,000 donation to a grant organisation for a $100,000 upgrade', () => {
    const upgrade = frnDrafted(FRN, {
      spin: '143000001',
      lines: [frnLine({ lineId: 'L1', product: 'Technology upgrade', usualUnitPrice: usd(100_000) })],
    });
    const provider = fact('provider-143000001', 'ServiceProviderRegistered', {
      spin: '143000001',
      name: 'Acme Networks',
      registeredOn: '2024-10-01',
    });

    it('earmarked for the applicant: a serious violation that denies the request outright', () => {
      const s = erateScenario().given(
        lea,
        provider,
        upgrade,
        fact('provider-143000001', 'ProviderDonationMade', {
          donationId: 'D1',
          recipientOrganization: 'County Education Foundation',
          beneficiaryApplicant: 'applicant-lea',
          amount: usd(10_000),
          madeOn: '2025-01-15',
          earmarkedForApplicant: true,
          bonaFideIndependentGrant: false,
        }),
      );
      const v = view(s);
      expect(v.ineligibleCost).toBe(0);
      expect(v.thirtyPercentRule).toEqual({ outcome: 'deny', deniedFor: 'serious-violation' });
      expect(v.fundableCommitment).toBe(0);
      expect(v.findings).toContainEqual(
        expect.objectContaining({
          ruleId: 'erate.provider-donation',
          severity: 'serious',
          sourceEventIds: [s.idOf('ProviderDonationMade')],
        }),
      );
    });

    it('a bona fide grant from an independent organisation is allowed and pays the applicant share', () => {
      const s = erateScenario().given(
        lea,
        provider,
        upgrade,
        fact('provider-143000001', 'ProviderDonationMade', {
          donationId: 'D2',
          recipientOrganization: 'State Library Foundation',
          amount: usd(10_000),
          madeOn: '2025-01-15',
          earmarkedForApplicant: false,
          bonaFideIndependentGrant: true,
        }),
        fact(FRN, 'GrantReceived', {
          grantor: 'State Library Foundation',
          amount: usd(10_000),
          receivedOn: '2025-03-01',
          independentOfServiceProvider: true,
        }),
      );
      const v = view(s);
      expect(v.thirtyPercentRule!.outcome).toBe('approvable');
      expect(v.fundableCommitment).toBe(usd(80_000));
      expect(v.nonDiscountShare).toEqual(
        expect.objectContaining({ amount: usd(20_000), grants: usd(10_000), applicantPays: usd(10_000) }),
      );
      expect(v.findings.filter((f) => f.severity === 'serious')).toEqual([]);
    });

    it('a grant that is not independent of the provider is a serious violation', () => {
      const s = erateScenario().given(
        lea,
        upgrade,
        fact(FRN, 'GrantReceived', {
          grantor: 'Acme Foundation',
          amount: usd(10_000),
          receivedOn: '2025-03-01',
          independentOfServiceProvider: false,
        }),
      );
      expect(view(s).thirtyPercentRule!.deniedFor).toBe('serious-violation');
      expect(view(s).findings).toContainEqual(
        expect.objectContaining({ ruleId: 'erate.bona-fide-grant', severity: 'serious' }),
      );
    });
  });
});
