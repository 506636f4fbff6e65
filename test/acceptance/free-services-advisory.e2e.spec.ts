import { usd } from '@ledger/domain';
import { applicantRegistered, fact, frnDrafted, frnLine } from '@ledger/domain/testing';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { lastPosition, postFacts, readModel, type FactToPost, type PostedFact } from '../support/recorded-facts';

// The six worked examples of the USAC Free Services Advisory (September 2015), posted over HTTP with the
// same facts as the domain's golden spec (free-services-advisory.golden.unit.spec.ts), read back to the cent.
// Each example has its own applicant (60% NSLP, urban: an 80% Category 1 discount) and its own FRN.

describe('acceptance: Free Services Advisory worked examples over HTTP', () => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await startTestLedger();
  });
  afterAll(async () => ledger.close());

  /** Registers the example's applicant, posts its facts, and reads the FRN's read model once projected. */
  const example = async (name: string, facts: (applicant: string, frn: string) => FactToPost[]) => {
    const applicant = `applicant-fsa-${name}`;
    const frn = `frn-fsa-${name}`;
    const posted = await postFacts(ledger, [applicantRegistered(applicant), ...facts(applicant, frn)]);
    const res = await readModel(ledger, `/v1/funding-requests/fsa-${name}`, lastPosition(posted));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ model: 'funding-request', id: frn });
    return {
      posted,
      frn,
      view: res.body.data,
      idOf: (type: string) => posted.find((p) => p.type === type)!.id,
    } as const;
  };

  it('Ex. 1: a 20% price reduction on a $100 service: $80 pre-discount, the applicant pays its share of $80', async () => {
    const { view, idOf } = await example('ex1', (applicant, frn) => [
      frnDrafted(frn, {
        applicant,
        lines: [frnLine({ lineId: 'L1', product: 'Internet access', usualUnitPrice: usd(100) })],
      }),
      fact(frn, 'PriceReductionOffered', { description: '20 percent price reduction', rateBasisPoints: 2_000 }),
    ]);
    expect(view.usualCost).toBe(usd(100));
    expect(view.deductions).toEqual([
      expect.objectContaining({
        kind: 'price-reduction',
        amount: usd(20),
        sourceEventId: idOf('PriceReductionOffered'),
      }),
    ]);
    expect(view.preDiscountCost).toBe(usd(80));
    expect(view.eligiblePreDiscountCost).toBe(usd(80));
    expect(view.discount).toMatchObject({ ratePercent: 80 });
    expect(view.requestedCommitment).toBe(usd(64));
    expect(view.nonDiscountShare.amount).toBe(usd(16));
    expect(view.thirtyPercentRule).toEqual({ outcome: 'approvable', deniedFor: null });
  });

  it('Ex. 2: $200 eligible + $300 ineligible at 60% off bought together: $320 quoted, $128 eligible', async () => {
    const { view } = await example('ex2', (applicant, frn) => [
      frnDrafted(frn, {
        applicant,
        lines: [
          frnLine({ lineId: 'E', product: 'Eligible service', usualUnitPrice: usd(200) }),
          frnLine({ lineId: 'I', product: 'Ineligible service', eligible: false, usualUnitPrice: usd(300) }),
        ],
      }),
      fact(frn, 'BundleDiscountOffered', {
        description: '60% off the ineligible service when bought together',
        quotedTotal: usd(320),
      }),
    ]);
    expect(view.usualCost).toBe(usd(500));
    expect(view.preDiscountCost).toBe(usd(320));
    expect(view.lines.map((l: { lineId: string; preDiscountCost: number }) => [l.lineId, l.preDiscountCost])).toEqual([
      ['E', usd(128)],
      ['I', usd(192)],
    ]);
    expect(view.eligiblePreDiscountCost).toBe(usd(128));
    // The ineligible service is 60% of what the request carries: the 30% rule denies it as drafted.
    expect(view.thirtyPercentRule).toEqual({ outcome: 'deny', deniedFor: 'ineligible-share' });
    expect(view.fundableCommitment).toBe(0);
  });

  it('Ex. 2: with the ineligible service bought outside the request, $128 eligible is approvable ($102.40 at 80%)', async () => {
    const { view } = await example('ex2-outside', (applicant, frn) => [
      frnDrafted(frn, {
        applicant,
        lines: [frnLine({ lineId: 'E', product: 'Eligible service', usualUnitPrice: usd(200) })],
      }),
      fact(frn, 'BundleDiscountOffered', {
        description: 'Bundle with ineligible service',
        partsOutsideRequestUsualCost: usd(300),
        quotedTotal: usd(320),
      }),
    ]);
    expect(view.deductions[0]).toEqual(expect.objectContaining({ kind: 'bundle-discount', amount: usd(72) }));
    expect(view.eligiblePreDiscountCost).toBe(usd(128));
    expect(view.thirtyPercentRule.outcome).toBe('approvable');
    expect(view.requestedCommitment).toBe(usd(102.4));
    expect(view.fundableCommitment).toBe(usd(102.4));
  });

  describe('Ex. 3: five free cell phones worth $700 with a $10,000 eligible purchase', () => {
    const phones = (name: string, treatment: string, tiedToPurchase = true) =>
      example(name, (applicant, frn) => [
        frnDrafted(frn, {
          applicant,
          lines: [frnLine({ lineId: 'L1', product: 'Switches', usualUnitPrice: usd(10_000) })],
        }),
        fact(frn, 'FreeItemOffered', {
          description: 'cell phones',
          quantity: 5,
          fairMarketValue: usd(700),
          tiedToPurchase,
          treatment,
        }),
      ]);
    const freeItemFindings = (view: { findings: { ruleId: string }[] }) =>
      view.findings.filter((f) => f.ruleId === 'erate.free-item-deduction');

    it('subtracting the fair market value leaves $9,300 eligible, with no finding', async () => {
      const { view, idOf } = await phones('ex3-subtract', 'subtract');
      expect(view.deductions).toEqual([
        expect.objectContaining({ amount: usd(700), sourceEventId: idOf('FreeItemOffered') }),
      ]);
      expect(view.eligiblePreDiscountCost).toBe(usd(9_300));
      expect(view.requestedCommitment).toBe(usd(7_440));
      expect(freeItemFindings(view)).toEqual([]);
    });

    it('cost-allocating spreads the $10,000 over $10,700 of value: $9,345.79 eligible', async () => {
      const { view } = await phones('ex3-allocate', 'cost-allocate');
      expect(view.deductions[0].amount).toBe(65_421);
      expect(view.eligiblePreDiscountCost).toBe(934_579);
      expect(freeItemFindings(view)).toEqual([]);
    });

    it('not deducting is a violation naming the offer, and only $9,300 may be requested', async () => {
      const { view, idOf, frn } = await phones('ex3-kept', 'not-deducted');
      expect(view.eligiblePreDiscountCost).toBe(usd(9_300));
      expect(freeItemFindings(view)).toEqual([
        expect.objectContaining({
          severity: 'violation',
          sourceEventIds: [idOf('FreeItemOffered')],
          subject: frn,
          ruleSet: 'erate-2025',
        }),
      ]);
    });

    it('a free item not tied to the purchase is a gift: nothing comes off', async () => {
      const { view } = await phones('ex3-gift', 'not-deducted', false);
      expect(view.eligiblePreDiscountCost).toBe(usd(10_000));
      expect(freeItemFindings(view)).toEqual([]);
    });
  });

  describe('Ex. 4: one price for a mixed-eligibility bundle', () => {
    it('Internet access, broadband and requested web hosting at a single price cannot be approved', async () => {
      const { view } = await example('ex4-hosting', (applicant, frn) => [
        frnDrafted(frn, {
          applicant,
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
      ]);
      expect(view.thirtyPercentRule).toEqual({ outcome: 'deny', deniedFor: 'unseparated-bundle' });
      expect(view.fundableCommitment).toBe(0);
      expect(view.findings).toContainEqual(
        expect.objectContaining({
          ruleId: 'erate.eligible-cost',
          severity: 'violation',
          message: expect.stringContaining('WH'),
        }),
      );
    });

    it('standard e-mail ancillary to Internet access, not requested: the full $12,000 is eligible', async () => {
      const { view } = await example('ex4-email', (applicant, frn) => [
        frnDrafted(frn, {
          applicant,
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
      ]);
      expect(view.usualCost).toBe(usd(12_000));
      expect(view.eligiblePreDiscountCost).toBe(usd(12_000));
      expect(view.thirtyPercentRule).toEqual({ outcome: 'approvable', deniedFor: null });
      expect(view.requestedCommitment).toBe(usd(9_600));
      expect(view.findings.filter((f: { ruleId: string }) => f.ruleId === 'erate.eligible-cost')).toEqual([]);
    });

    it('an ancillary feature the applicant specifically requested is not ancillary', async () => {
      const { view } = await example('ex4-requested', (applicant, frn) => [
        frnDrafted(frn, {
          applicant,
          singleBundlePrice: usd(12_000),
          lines: [
            frnLine({ lineId: 'IA', product: 'Internet access' }),
            frnLine({ lineId: 'EM', product: 'E-mail', eligible: false, ancillary: true, specificallyRequested: true }),
          ],
        }),
      ]);
      expect(view.thirtyPercentRule).toEqual({ outcome: 'deny', deniedFor: 'unseparated-bundle' });
    });
  });

  it('Ex. 5: a 10% prompt-payment discount on $1,000 makes $900 eligible', async () => {
    const { view, idOf } = await example('ex5', (applicant, frn) => [
      frnDrafted(frn, { applicant, lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(1_000) })] }),
      fact(frn, 'PromptPaymentDiscountOffered', { rateBasisPoints: 1_000, withinDays: 30 }),
    ]);
    expect(view.deductions).toEqual([
      expect.objectContaining({
        kind: 'prompt-payment-discount',
        amount: usd(100),
        sourceEventId: idOf('PromptPaymentDiscountOffered'),
      }),
    ]);
    expect(view.eligiblePreDiscountCost).toBe(usd(900));
    expect(view.requestedCommitment).toBe(usd(720));
  });

  describe('Ex. 6: a $10,000 donation to a grant organisation for a $100,000 upgrade', () => {
    const upgrade =
      (spin: string) =>
      (applicant: string, frn: string): FactToPost[] => [
        fact(`provider-${spin}`, 'ServiceProviderRegistered', {
          spin,
          name: 'Acme Networks',
          registeredOn: '2024-10-01',
        }),
        frnDrafted(frn, {
          applicant,
          spin,
          lines: [frnLine({ lineId: 'L1', product: 'Technology upgrade', usualUnitPrice: usd(100_000) })],
        }),
      ];
    const compliance = (name: string, posted: PostedFact[]) =>
      readModel(ledger, `/v1/funding-requests/fsa-${name}/compliance`, lastPosition(posted));

    it('earmarked for the applicant: a serious violation that denies the request outright, on the FRN and the applicant', async () => {
      const spin = '143000061';
      const { view, posted, frn } = await example('ex6-earmarked', (applicant, f) => [
        ...upgrade(spin)(applicant, f),
        fact(`provider-${spin}`, 'ProviderDonationMade', {
          donationId: 'D1',
          recipientOrganization: 'County Education Foundation',
          beneficiaryApplicant: applicant,
          amount: usd(10_000),
          madeOn: '2025-01-15',
          earmarkedForApplicant: true,
          bonaFideIndependentGrant: false,
        }),
      ]);
      const donation = posted.find((p) => p.type === 'ProviderDonationMade')!;
      expect(view.ineligibleCost).toBe(0);
      expect(view.thirtyPercentRule).toEqual({ outcome: 'deny', deniedFor: 'serious-violation' });
      expect(view.fundableCommitment).toBe(0);
      const seriousDonation = expect.objectContaining({
        ruleId: 'erate.provider-donation',
        severity: 'serious',
        sourceEventIds: [donation.id],
      });
      expect(view.findings).toContainEqual(seriousDonation);

      const frnCompliance = await compliance('ex6-earmarked', posted);
      expect(frnCompliance.status).toBe(200);
      expect(frnCompliance.body).toMatchObject({
        model: 'frn-compliance',
        id: frn,
        data: { subject: frn, status: 'serious' },
      });
      expect(frnCompliance.body.data.counts.serious).toBeGreaterThanOrEqual(1);
      expect(frnCompliance.body.data.findings[0].severity).toBe('serious');
      expect(frnCompliance.body.data.findings).toContainEqual(seriousDonation);

      const applicantCompliance = await readModel(
        ledger,
        '/v1/applicants/fsa-ex6-earmarked/compliance',
        lastPosition(posted),
      );
      expect(applicantCompliance.status).toBe(200);
      expect(applicantCompliance.body.data.status).toBe('serious');
      expect(applicantCompliance.body.data.findings).toContainEqual(seriousDonation);
    });

    it('a bona fide grant from an independent organisation is allowed, clean of serious findings, and pays the applicant share', async () => {
      const spin = '143000062';
      const { view, posted, frn } = await example('ex6-grant', (applicant, f) => [
        ...upgrade(spin)(applicant, f),
        fact(`provider-${spin}`, 'ProviderDonationMade', {
          donationId: 'D2',
          recipientOrganization: 'State Library Foundation',
          amount: usd(10_000),
          madeOn: '2025-01-15',
          earmarkedForApplicant: false,
          bonaFideIndependentGrant: true,
        }),
        fact(f, 'GrantReceived', {
          grantor: 'State Library Foundation',
          amount: usd(10_000),
          receivedOn: '2025-03-01',
          independentOfServiceProvider: true,
        }),
      ]);
      expect(view.thirtyPercentRule).toEqual({ outcome: 'approvable', deniedFor: null });
      expect(view.fundableCommitment).toBe(usd(80_000));
      expect(view.nonDiscountShare).toEqual(
        expect.objectContaining({ amount: usd(20_000), grants: usd(10_000), applicantPays: usd(10_000) }),
      );
      expect(
        view.findings.filter((f: { severity: string }) => f.severity === 'serious' || f.severity === 'violation'),
      ).toEqual([]);

      const frnCompliance = await compliance('ex6-grant', posted);
      expect(frnCompliance.status).toBe(200);
      expect(frnCompliance.body.data).toMatchObject({ subject: frn, counts: { serious: 0, violation: 0 } });
      expect(frnCompliance.body.data.status).not.toBe('serious');
    });

    it('a grant that is not independent of the provider is a serious violation', async () => {
      const { view } = await example('ex6-dependent', (applicant, frn) => [
        frnDrafted(frn, {
          applicant,
          lines: [frnLine({ lineId: 'L1', product: 'Technology upgrade', usualUnitPrice: usd(100_000) })],
        }),
        fact(frn, 'GrantReceived', {
          grantor: 'Acme Foundation',
          amount: usd(10_000),
          receivedOn: '2025-03-01',
          independentOfServiceProvider: false,
        }),
      ]);
      expect(view.thirtyPercentRule).toEqual({ outcome: 'deny', deniedFor: 'serious-violation' });
      expect(view.findings).toContainEqual(
        expect.objectContaining({ ruleId: 'erate.bona-fide-grant', severity: 'serious' }),
      );
    });
  });
});
