import fc from 'fast-check';
import { FoldedFacts } from '../shared/folded-facts';
import { usd } from '../shared/money';
import { fact } from '../../testing/scenario';
import {
  applicantRegistered,
  bidLine,
  bidReceived,
  bidRequestPosted,
  erateScenario,
  frnDrafted,
  frnLine,
} from '../../testing/erate-fixtures';
import { stateProgramStreams } from '../state-programs';
import { erateStreams } from '../erate';
import { fundingRequestReadModel, renderFundingRequest } from './funding-request-read-model';

const FRN = 'frn-1';
const lea = applicantRegistered('applicant-lea');
const render = (s: ReturnType<typeof erateScenario>, frn = FRN) => renderFundingRequest(frn, s.facts)!;
const lines = (eligible: number, ineligible: number) => [
  frnLine({ lineId: 'E', product: 'Internet access', usualUnitPrice: eligible }),
  frnLine({ lineId: 'I', product: 'Web hosting', eligible: false, usualUnitPrice: ineligible }),
];

describe('funding request read model', () => {
  it('is registered under the frn prefix and absent for an FRN never drafted', () => {
    expect(fundingRequestReadModel).toEqual(expect.objectContaining({ name: 'funding-request', rootPrefix: 'frn' }));
    expect(fundingRequestReadModel.render(FRN, erateScenario().facts)).toBeUndefined();
  });

  it('follows the status from draft to invoiced and the money through reductions and invoices', () => {
    const s = erateScenario().given(
      lea,
      frnDrafted(FRN, { lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(10_000) })] }),
    );
    expect(render(s).status).toBe('drafted');
    s.given(fact(FRN, 'FundingRequestSubmitted', { form471Number: '251', submittedOn: '2025-03-20' }));
    expect(render(s).status).toBe('submitted');
    s.given(fact(FRN, 'FundingCommitted', { amount: usd(8_000), committedOn: '2025-08-15' }));
    expect(render(s).status).toBe('committed');
    s.given(fact(FRN, 'FundingReduced', { amount: usd(1_000), reducedOn: '2025-09-01', reason: 'audit' }));
    expect(render(s).status).toBe('reduced');
    s.given(fact(FRN, 'InvoicePaid', { invoiceNumber: 'I1', amount: usd(3_000), paidOn: '2025-12-01' }));
    expect(render(s)).toEqual(
      expect.objectContaining({
        status: 'invoiced',
        funding: {
          committed: usd(8_000),
          committedOn: '2025-08-15',
          reduced: usd(1_000),
          committedAfterReductions: usd(7_000),
          invoiced: usd(3_000),
        },
      }),
    );
  });

  it('denied requests show as denied', () => {
    const s = erateScenario().given(
      lea,
      frnDrafted(FRN),
      fact(FRN, 'FundingRequestSubmitted', { form471Number: '251', submittedOn: '2025-03-20' }),
      fact(FRN, 'FundingDenied', { deniedOn: '2025-06-01', reason: 'r' }),
    );
    expect(render(s).status).toBe('denied');
  });

  describe('30% rule through the read model', () => {
    it('an ineligible share of 29.99% is reduced by that share and goes on', () => {
      const s = erateScenario().given(lea, frnDrafted(FRN, { lines: lines(700_100, 299_900) }));
      const v = render(s);
      expect(v).toEqual(
        expect.objectContaining({
          eligiblePreDiscountCost: 700_100,
          ineligibleCost: 299_900,
          ineligibleShareBasisPoints: 2_999,
        }),
      );
      expect(v.thirtyPercentRule).toEqual({ outcome: 'reduce-by-ineligible-share', deniedFor: null });
      expect(v.fundableCommitment).toBe(560_080);
      expect(v.findings).toContainEqual(expect.objectContaining({ ruleId: 'erate.30-percent', severity: 'warning' }));
    });

    it('an ineligible share of exactly 30% denies the request', () => {
      const v = render(erateScenario().given(lea, frnDrafted(FRN, { lines: lines(700_000, 300_000) })));
      expect(v.thirtyPercentRule).toEqual({ outcome: 'deny', deniedFor: 'ineligible-share' });
      expect(v.requestedCommitment).toBe(560_000);
      expect(v.fundableCommitment).toBe(0);
    });

    it('a serious violation denies even a request with a tiny ineligible share', () => {
      const s = erateScenario().given(
        lea,
        fact('provider-143000001', 'ServiceProviderRegistered', {
          spin: '143000001',
          name: 'Acme',
          registeredOn: '2024-01-01',
        }),
        frnDrafted(FRN, { lines: lines(990_000, 10_000) }),
        fact('provider-143000001', 'ProviderDonationMade', {
          donationId: 'D1',
          recipientOrganization: 'Booster club',
          amount: usd(2_000),
          madeOn: '2025-01-02',
          earmarkedForApplicant: false,
          tiedToProcurement: 'procurement-470',
          bonaFideIndependentGrant: false,
        }),
      );
      const v = render(s);
      expect(v.thirtyPercentRule).toEqual({ outcome: 'deny', deniedFor: 'serious-violation' });
      expect(v.findings.filter((f) => f.severity === 'serious').map((f) => f.ruleId)).toEqual([
        'erate.provider-donation',
        'erate.30-percent',
      ]);
    });
  });

  it('a subcontractor’s donation earmarked for the applicant is a serious violation too', () => {
    const s = erateScenario().given(
      lea,
      fact('provider-143000001', 'ServiceProviderRegistered', {
        spin: '143000001',
        name: 'Acme',
        registeredOn: '2024-01-01',
      }),
      fact('provider-555', 'ServiceProviderRegistered', {
        spin: '555',
        name: 'Cabling Co',
        registeredOn: '2024-01-01',
      }),
      fact('provider-143000001', 'SubcontractorEngaged', {
        subcontractorSpin: '555',
        engagedOn: '2025-02-01',
        procurement: 'procurement-470',
      }),
      frnDrafted(FRN),
      fact('provider-555', 'ProviderDonationMade', {
        donationId: 'D1',
        recipientOrganization: 'Education Fund',
        beneficiaryApplicant: 'applicant-lea',
        amount: usd(5_000),
        madeOn: '2025-02-02',
        earmarkedForApplicant: true,
        bonaFideIndependentGrant: false,
      }),
    );
    const v = render(s);
    expect(v.thirtyPercentRule!.deniedFor).toBe('serious-violation');
    expect(v.findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'erate.provider-donation',
        message: expect.stringContaining('Subcontractor provider-555 of provider-143000001'),
      }),
    );
  });

  it('a donation earmarked for another applicant does not touch this FRN', () => {
    const s = erateScenario().given(
      lea,
      fact('provider-143000001', 'ServiceProviderRegistered', {
        spin: '143000001',
        name: 'Acme',
        registeredOn: '2024-01-01',
      }),
      frnDrafted(FRN),
      fact('provider-143000001', 'ProviderDonationMade', {
        donationId: 'D1',
        recipientOrganization: 'Fund',
        beneficiaryApplicant: 'applicant-other',
        amount: 100,
        madeOn: '2025-02-02',
        earmarkedForApplicant: true,
        bonaFideIndependentGrant: false,
      }),
    );
    expect(render(s).thirtyPercentRule!.outcome).toBe('approvable');
  });

  it('finds eligible unit prices above the provider’s bid (inflated to offset other discounts)', () => {
    const s = erateScenario().given(
      lea,
      bidRequestPosted('procurement-470'),
      bidReceived('procurement-470', {
        bidId: 'B1',
        spin: '143000001',
        lines: [bidLine({ product: 'Internet access', model: 'IA-1G', usualUnitPrice: usd(1_000) })],
      }),
      fact('procurement-470', 'VendorSelected', { bidId: 'B1', selectedOn: '2025-02-04' }),
      frnDrafted(FRN, {
        lines: [frnLine({ lineId: 'L1', product: 'Internet access', model: 'IA-1G', usualUnitPrice: usd(1_100) })],
      }),
    );
    expect(render(s).findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'erate.inflated-eligible-cost',
        severity: 'violation',
        sourceEventIds: [s.idOf('FundingRequestDrafted'), s.idOf('BidReceived')],
      }),
    );
  });

  it('finds ineligible lines without model number or location', () => {
    const s = erateScenario().given(
      lea,
      frnDrafted(FRN, {
        lines: [
          frnLine({ lineId: 'E', usualUnitPrice: 900 }),
          frnLine({ lineId: 'I', eligible: false, usualUnitPrice: 100, model: undefined }),
        ],
      }),
    );
    expect(render(s).findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'erate.ineligible-identification',
        message: expect.stringContaining('lacks model'),
      }),
    );
  });

  it('a cost allocation keeps the declared eligible share of a mixed line', () => {
    const s = erateScenario().given(
      lea,
      frnDrafted(FRN, { lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(1_000) })] }),
      fact(FRN, 'CostAllocationDeclared', { lineId: 'L1', eligibleBasisPoints: 8_500, method: 'ports' }),
    );
    expect(render(s)).toEqual(
      expect.objectContaining({
        eligiblePreDiscountCost: usd(850),
        ineligibleCost: usd(150),
        ineligibleShareBasisPoints: 1_500,
      }),
    );
  });

  it('a corrected line and a withdrawn offer change the figures, keeping every event in the trace', () => {
    const s = erateScenario().given(
      lea,
      frnDrafted(FRN, { lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(1_000) })] }),
      fact(FRN, 'PriceReductionOffered', { description: 'cut', amount: usd(100) }),
    );
    s.record(
      fact(FRN, 'FundingRequestLineCorrected', {
        correctsEventId: s.idOf('FundingRequestDrafted'),
        reason: 'Quote revised',
        line: frnLine({ lineId: 'L1', usualUnitPrice: usd(2_000) }),
      }),
    );
    expect(render(s).eligiblePreDiscountCost).toBe(usd(1_900));
    s.record(
      fact(FRN, 'FundingRequestOfferWithdrawn', {
        withdrawnEventId: s.idOf('PriceReductionOffered'),
        reason: 'Offer expired',
      }),
    );
    const v = render(s);
    expect(v.eligiblePreDiscountCost).toBe(usd(2_000));
    expect(v.lines[0]!.sourceEventIds).toEqual([
      s.idOf('FundingRequestDrafted'),
      s.idOf('FundingRequestLineCorrected'),
    ]);
  });

  it('derives a consortium’s rate from its members’ streams, and names unregistered members', () => {
    const s = erateScenario().given(
      applicantRegistered('applicant-a', { kind: 'school', nslpEligibleStudents: 600 }),
      applicantRegistered('applicant-b', { kind: 'school', nslpEligibleStudents: 800 }),
      applicantRegistered('applicant-c', {
        kind: 'consortium',
        students: 0,
        nslpEligibleStudents: 0,
        memberApplicantIds: ['applicant-a', 'applicant-b', 'applicant-z'],
      }),
      frnDrafted(FRN, {
        applicant: 'applicant-c',
        category: 2,
        lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(1_000) })],
      }),
    );
    const v = render(s);
    expect(v.discount).toEqual(
      expect.objectContaining({ ratePercent: 83, consortiumAveraged: true, missingMembers: ['applicant-z'] }),
    );
    expect(v.requestedCommitment).toBe(usd(830));
    expect(v.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'erate.discount-rate', message: expect.stringContaining('applicant-z') }),
    );
  });

  describe('state match on special construction (USAC "Additional Discount to Match State/Tribal Funding for Special Construction")', () => {
    // 40% NSLP, rural: a 70% Category 1 discount.
    const rural70 = applicantRegistered('applicant-lea', { locale: 'rural', nslpEligibleStudents: 400 });
    const construction = frnLine({
      lineId: 'SC',
      product: 'Fiber special construction',
      usualUnitPrice: usd(100_000),
      specialConstruction: true,
    });

    it('70% + 25% state funding: a 5-point match; E-Rate 75%, the state 25%, the applicant nothing, and the three add up', () => {
      const s = erateScenario().given(
        rural70,
        frnDrafted(FRN, { lines: [construction] }),
        fact(FRN, 'StateMatchCommitted', { statePercent: 25, source: 'State broadband match' }),
      );
      const v = render(s);
      expect(v.discount?.ratePercent).toBe(70);
      expect(v.stateMatch).toEqual({
        status: 'applied',
        statePercent: 25,
        statePercentCounted: 25,
        extraPoints: 5,
        specialConstructionCost: usd(100_000),
        sourceEventIds: [s.idOf('StateMatchCommitted')],
      });
      expect(v.shares).toEqual({
        eligiblePreDiscountCost: usd(100_000),
        erate: usd(75_000),
        stateFunding: usd(25_000),
        applicant: 0,
      });
      expect(v.requestedCommitment).toBe(usd(75_000));
      expect(v.nonDiscountShare).toEqual(
        expect.objectContaining({
          amount: usd(25_000),
          stateFunding: usd(25_000),
          applicantShare: 0,
          applicantPays: 0,
        }),
      );
      expect(v.findings).toContainEqual(
        expect.objectContaining({
          ruleId: 'erate.state-match',
          severity: 'info',
          sourceEventIds: [s.idOf('FundingRequestDrafted'), s.idOf('StateMatchCommitted')],
        }),
      );
      expect(v.trace.find((t) => t.step === 'state-match')).toEqual(
        expect.objectContaining({
          ruleId: 'erate.state-match',
          values: expect.objectContaining({ extraPoints: 5, statePercentCounted: 25, stateFunding: usd(25_000) }),
          sourceEventIds: [s.idOf('FundingRequestDrafted'), s.idOf('StateMatchCommitted')],
        }),
      );
    });

    it('70% + 10% state funding: 80% E-Rate, the state 10%, the applicant 10%, which a grant then pays part of', () => {
      const s = erateScenario().given(
        rural70,
        frnDrafted(FRN, { lines: [construction] }),
        fact(FRN, 'StateMatchCommitted', { statePercent: 10, source: 'State broadband match' }),
        fact(FRN, 'GrantReceived', {
          grantor: 'Foundation',
          amount: usd(4_000),
          receivedOn: '2025-05-01',
          independentOfServiceProvider: true,
        }),
      );
      const v = render(s);
      expect(v.shares).toEqual({
        eligiblePreDiscountCost: usd(100_000),
        erate: usd(80_000),
        stateFunding: usd(10_000),
        applicant: usd(10_000),
      });
      expect(v.nonDiscountShare).toEqual(
        expect.objectContaining({
          amount: usd(20_000),
          stateFunding: usd(10_000),
          applicantShare: usd(10_000),
          grants: usd(4_000),
          applicantPays: usd(6_000),
        }),
      );
      expect(v.findings.filter((f) => f.ruleId === 'erate.state-match')).toEqual([]);
    });

    it('a state match on a request with no special construction line adds nothing, and a finding says why', () => {
      const s = erateScenario().given(
        lea,
        frnDrafted(FRN, { lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(1_000) })] }),
        fact(FRN, 'StateMatchCommitted', { statePercent: 15, source: 'State match' }),
      );
      const v = render(s);
      expect(v.discount?.ratePercent).toBe(80);
      expect(v.stateMatch).toEqual(expect.objectContaining({ status: 'no-special-construction', extraPoints: 0 }));
      expect(v.requestedCommitment).toBe(usd(800));
      expect(v.shares).toEqual({
        eligiblePreDiscountCost: usd(1_000),
        erate: usd(800),
        stateFunding: 0,
        applicant: usd(200),
      });
      expect(v.findings).toContainEqual(
        expect.objectContaining({
          ruleId: 'erate.state-match',
          severity: 'warning',
          message: expect.stringContaining('no line of this request is special construction'),
        }),
      );
    });

    it('a state match on a Category 2 request adds nothing (it used to raise 80% to 90%), and a finding says why', () => {
      const s = erateScenario().given(
        lea,
        frnDrafted(FRN, { category: 2, lines: [{ ...construction, usualUnitPrice: usd(1_000) }] }),
        fact(FRN, 'StateMatchCommitted', { statePercent: 10, source: 'State match' }),
      );
      const v = render(s);
      expect(v.requestedCommitment).toBe(usd(800));
      expect(v.findings).toContainEqual(
        expect.objectContaining({
          ruleId: 'erate.state-match',
          severity: 'warning',
          message: expect.stringContaining('this is a Category 2 request'),
        }),
      );
    });

    it('property: E-Rate share, state funding and applicant share add up to the eligible pre-discount cost', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 10_000_000 }),
          fc.integer({ min: 0, max: 1_000 }),
          fc.boolean(),
          fc.integer({ min: 0, max: 100 }),
          fc.constantFrom<1 | 2>(1, 2),
          fc.boolean(),
          (price, nslp, rural, statePercent, category, special) => {
            const s = erateScenario().given(
              applicantRegistered('applicant-lea', { nslpEligibleStudents: nslp, locale: rural ? 'rural' : 'urban' }),
              frnDrafted(FRN, {
                category,
                lines: [
                  frnLine({ lineId: 'L1', usualUnitPrice: price, specialConstruction: special }),
                  frnLine({ lineId: 'L2', usualUnitPrice: 1_234 }),
                ],
              }),
              ...(statePercent > 0 ? [fact(FRN, 'StateMatchCommitted', { statePercent, source: 'State' })] : []),
            );
            const v = render(s);
            const shares = v.shares!;
            expect(shares.erate + shares.stateFunding + shares.applicant).toBe(v.eligiblePreDiscountCost);
            expect(v.requestedCommitment).toBe(shares.erate);
            expect(v.nonDiscountShare!.amount).toBe(shares.stateFunding + shares.applicant);
          },
        ),
        { numRuns: 40 },
      );
    });
  });

  it('without a registered applicant there is no discount and a warning says why', () => {
    const v = render(erateScenario().given(frnDrafted(FRN)));
    expect(v.discount).toBeNull();
    expect(v.requestedCommitment).toBe(0);
    expect(v.findings).toContainEqual(expect.objectContaining({ ruleId: 'erate.discount-rate', severity: 'warning' }));
  });

  it('finds Category 2 requests of one cycle that exceed the five-year budget', () => {
    const small = applicantRegistered('applicant-lea', { students: 100, nslpEligibleStudents: 60 });
    const s = erateScenario().given(
      small,
      frnDrafted('frn-a', {
        category: 2,
        fundingYear: 2023,
        lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(20_000) })],
      }),
      frnDrafted('frn-b', {
        category: 2,
        fundingYear: 2025,
        lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(6_000) })],
      }),
    );
    expect(render(s, 'frn-b').categoryTwoBudget).toEqual(
      expect.objectContaining({
        budget: usd(25_000),
        usedByOtherRequests: usd(20_000),
        remainingAfterThisRequest: -usd(1_000),
      }),
    );
    expect(render(s, 'frn-b').findings).toContainEqual(
      expect.objectContaining({ ruleId: 'erate.category-two-budget', severity: 'violation' }),
    );
    expect(render(s, 'frn-a').categoryTwoBudget?.remainingAfterThisRequest).toBe(-usd(1_000));
  });

  it('a Category 2 request outside the budget cycle of the rule set its draft names shows no budget', () => {
    const s = erateScenario().given(
      lea,
      frnDrafted(FRN, { category: 2, fundingYear: 2026 }, { ruleSet: 'erate-2025' }),
    );
    expect(render(s).categoryTwoBudget).toBeNull();
    expect(render(s).findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'erate.category-two-budget',
        severity: 'warning',
        message: 'FY2026 is outside the FY2021–2025 budget cycle of erate-2025: no Category 2 budget is computed',
      }),
    );
    expect(
      render(erateScenario().given(lea, frnDrafted(FRN, { category: 2, fundingYear: 2021 }))).categoryTwoBudget?.budget,
    ).toBe(usd(167_000));
  });

  describe('Category 2 budgets through the read model', () => {
    const c2 = (
      stream: string,
      applicant: string,
      amount: number,
      extra: Partial<Parameters<typeof frnDrafted>[1]> = {},
    ) =>
      frnDrafted(stream, {
        applicant,
        category: 2,
        fundingYear: 2022,
        lines: [frnLine({ lineId: 'L1', usualUnitPrice: amount })],
        ...extra,
      });
    const district = () => [
      applicantRegistered('applicant-d', { students: 0, nslpEligibleStudents: 0 }),
      applicantRegistered('applicant-s1', {
        kind: 'school',
        district: 'applicant-d',
        students: 100,
        nslpEligibleStudents: 60,
      }),
      applicantRegistered('applicant-s2', {
        kind: 'school',
        district: 'applicant-d',
        students: 120,
        nslpEligibleStudents: 80,
      }),
    ];

    it('a school’s request shows its district’s derivation and draws on the district’s budget, counted with the district’s own requests', () => {
      const s = erateScenario().given(
        ...district(),
        c2('frn-d', 'applicant-d', usd(30_000)),
        c2(FRN, 'applicant-s1', usd(25_000)),
      );
      const v = render(s);
      expect(v.discount?.entities[0]).toEqual(
        expect.objectContaining({
          applicant: 'applicant-s1',
          basis: 'school-of-district',
          district: 'applicant-d',
          totalStudents: 220,
          totalNslp: 140,
          nslpPercent: 64,
        }),
      );
      // Two schools under 150 students: 2 × $25,000 = $50,000 (220 × $167 = $36,740).
      expect(v.categoryTwoBudget).toEqual(
        expect.objectContaining({
          cycle: { firstFundingYear: 2021, lastFundingYear: 2025 },
          budget: usd(50_000),
          usedByOtherRequests: usd(30_000),
          remainingAfterThisRequest: -usd(5_000),
        }),
      );
      expect(v.categoryTwoBudget?.draws).toEqual([
        expect.objectContaining({
          holder: 'applicant-d',
          thisRequest: usd(25_000),
          otherRequests: [{ frn: 'frn-d', amount: usd(30_000) }],
          budget: expect.objectContaining({ option: 'floor' }),
        }),
      ]);
      expect(v.findings).toContainEqual(
        expect.objectContaining({
          ruleId: 'erate.category-two-budget',
          severity: 'violation',
          message: expect.stringContaining("applicant-d's $50,000.00 budget exceed it by $5,000.00"),
        }),
      );
      const step = v.trace.find((t) => t.step === 'category-two-budget:applicant-d');
      expect(step?.values).toEqual(
        expect.objectContaining({
          option: 'floor',
          budget: usd(50_000),
          floorOption: usd(50_000),
          perUnitOption: usd(36_740),
          hybridOption: usd(50_000),
          countSource: 'profile',
          thisRequest: usd(25_000),
          usedByOtherRequests: usd(30_000),
        }),
      );
    });

    it('the trace names a school with no students as not a child entity, and the budget leaves its floor out (USAC Category Two Budget Tool glossary)', () => {
      const s = erateScenario().given(
        ...district(),
        applicantRegistered('applicant-s3', {
          kind: 'school',
          district: 'applicant-d',
          students: 0,
          nslpEligibleStudents: 0,
        }),
        c2(FRN, 'applicant-s1', usd(25_000)),
      );
      const step = render(s).trace.find((t) => t.step === 'category-two-budget:applicant-d');
      expect(step?.values).toEqual(
        expect.objectContaining({
          budget: usd(50_000),
          floorOption: usd(50_000),
          notChildEntities: 'applicant-s3: 0 students (profile)',
          basis: expect.stringContaining('applicant-s3 with no students: not a child entity'),
        }),
      );
      expect(step?.citation).toContain('USAC Category Two Budget Tool glossary ("child entity count")');
    });

    it('a school its district lists as a member (naming no district) draws on the district’s budget too', () => {
      const s = erateScenario().given(
        applicantRegistered('applicant-s1', { kind: 'school', students: 100, nslpEligibleStudents: 60 }),
        applicantRegistered('applicant-s2', { kind: 'school', students: 120, nslpEligibleStudents: 80 }),
        applicantRegistered('applicant-d', {
          memberApplicantIds: ['applicant-s1', 'applicant-s2'],
          students: 0,
          nslpEligibleStudents: 0,
        }),
        c2('frn-d', 'applicant-d', usd(30_000)),
        c2(FRN, 'applicant-s1', usd(25_000)),
      );
      expect(render(s).categoryTwoBudget?.draws).toEqual([
        expect.objectContaining({
          holder: 'applicant-d',
          thisRequest: usd(25_000),
          otherRequests: [{ frn: 'frn-d', amount: usd(30_000) }],
        }),
      ]);
      expect(render(s, 'frn-d').categoryTwoBudget?.draws).toEqual([
        expect.objectContaining({ holder: 'applicant-d', otherRequests: [{ frn: FRN, amount: usd(25_000) }] }),
      ]);
    });

    describe('a library outlet draws on its library system’s one system-wide budget (FCC 19-117; USAC "Category Two Budgets")', () => {
      const system = (systemRegistered = true) => [
        applicantRegistered('applicant-o1', { kind: 'library', librarySquareFeet: 2_000 }),
        applicantRegistered('applicant-o2', { kind: 'library', librarySquareFeet: 8_000 }),
        ...(systemRegistered
          ? [
              applicantRegistered('applicant-sys', {
                kind: 'library-system',
                memberApplicantIds: ['applicant-o1', 'applicant-o2'],
              }),
            ]
          : []),
      ];

      it('given a system listing two outlets and a $40,000 system request, when an outlet files $25,000, then both draw on the system’s $61,000 hybrid budget and exceed it by $4,000', () => {
        const s = erateScenario().given(
          ...system(),
          c2('frn-sys', 'applicant-sys', usd(40_000)),
          c2(FRN, 'applicant-o1', usd(25_000)),
        );
        // 10,000 sq ft × $4.50 = $45,000; floors 2 × $25,000 = $50,000; hybrid $25,000 + $36,000 = $61,000.
        const v = render(s);
        expect(v.categoryTwoBudget?.draws).toEqual([
          expect.objectContaining({
            holder: 'applicant-sys',
            thisRequest: usd(25_000),
            otherRequests: [{ frn: 'frn-sys', amount: usd(40_000) }],
            remainingAfterThisRequest: -usd(4_000),
            budget: expect.objectContaining({ scope: 'library-system', option: 'hybrid', budget: usd(61_000) }),
          }),
        ]);
        expect(v.findings).toContainEqual(
          expect.objectContaining({
            ruleId: 'erate.category-two-budget',
            severity: 'violation',
            message:
              "Category 2 requests of FY2021–2025 drawing on applicant-sys's $61,000.00 budget exceed it by $4,000.00",
          }),
        );
        expect(render(s, 'frn-sys').categoryTwoBudget?.draws).toEqual([
          expect.objectContaining({
            holder: 'applicant-sys',
            otherRequests: [{ frn: FRN, amount: usd(25_000) }],
            remainingAfterThisRequest: -usd(4_000),
          }),
        ]);
      });

      it('given two outlets’ requests within the system’s budget, then each sees the other and there is no budget finding (compliant)', () => {
        const s = erateScenario().given(
          ...system(),
          c2('frn-o2', 'applicant-o2', usd(36_000)),
          c2(FRN, 'applicant-o1', usd(25_000)),
        );
        expect(render(s).categoryTwoBudget?.draws).toEqual([
          expect.objectContaining({
            holder: 'applicant-sys',
            otherRequests: [{ frn: 'frn-o2', amount: usd(36_000) }],
            remainingAfterThisRequest: 0,
          }),
        ]);
        expect(render(s).findings.filter((f) => f.ruleId === 'erate.category-two-budget')).toEqual([]);
      });

      it('given a library no registered system lists, then it keeps its own budget', () => {
        const s = erateScenario().given(...system(false), c2(FRN, 'applicant-o1', usd(25_000)));
        expect(render(s).categoryTwoBudget?.draws).toEqual([
          expect.objectContaining({
            holder: 'applicant-o1',
            otherRequests: [],
            budget: expect.objectContaining({ scope: 'single', budget: usd(25_000) }),
          }),
        ]);
      });
    });

    it('denied requests, Category 1 requests and requests of another cycle do not use the budget', () => {
      const s = erateScenario().given(
        ...district(),
        c2('frn-denied', 'applicant-d', usd(30_000)),
        fact('frn-denied', 'FundingRequestSubmitted', { form471Number: '1', submittedOn: '2022-03-01' }),
        fact('frn-denied', 'FundingDenied', { deniedOn: '2022-08-01', reason: 'r' }),
        c2('frn-c1', 'applicant-d', usd(30_000), { category: 1 }),
        c2('frn-2020', 'applicant-d', usd(30_000), { fundingYear: 2020 }),
        c2('frn-2026', 'applicant-d', usd(30_000), { fundingYear: 2026 }),
        c2('frn-2025', 'applicant-s2', usd(1_000), { fundingYear: 2025 }),
        c2(FRN, 'applicant-s1', usd(25_000)),
      );
      expect(render(s).categoryTwoBudget?.draws[0]?.otherRequests).toEqual([{ frn: 'frn-2025', amount: usd(1_000) }]);
    });

    it('a request within the budget has no budget finding (compliant)', () => {
      const s = erateScenario().given(
        ...district(),
        c2('frn-d', 'applicant-d', usd(25_000)),
        c2(FRN, 'applicant-s1', usd(25_000)),
      );
      expect(render(s).categoryTwoBudget?.remainingAfterThisRequest).toBe(0);
      expect(render(s).findings.filter((f) => f.ruleId === 'erate.category-two-budget')).toEqual([]);
    });

    describe('a consortium’s requests draw on each member’s own budget', () => {
      const members = () => [
        applicantRegistered('applicant-a', { kind: 'school', students: 100, nslpEligibleStudents: 60 }),
        applicantRegistered('applicant-b', { kind: 'school', students: 1_000, nslpEligibleStudents: 600 }),
        applicantRegistered('applicant-c', {
          kind: 'consortium',
          students: 0,
          nslpEligibleStudents: 0,
          memberApplicantIds: ['applicant-a', 'applicant-b'],
        }),
      ];
      const consortiumRequest = (lines: ReturnType<typeof frnLine>[]) =>
        frnDrafted(FRN, { applicant: 'applicant-c', category: 2, fundingYear: 2022, lines });

      it('a member cannot spend its budget twice: its own request and its consortium line count against one budget', () => {
        const s = erateScenario().given(
          ...members(),
          c2('frn-a', 'applicant-a', usd(20_000)),
          consortiumRequest([
            frnLine({ lineId: 'A', usualUnitPrice: usd(10_000), entity: 'applicant-a' }),
            frnLine({ lineId: 'B', usualUnitPrice: usd(50_000), entity: 'applicant-b' }),
          ]),
        );
        const v = render(s);
        expect(
          v.categoryTwoBudget?.draws.map((d) => [
            d.holder,
            d.budget.budget,
            d.thisRequest,
            d.usedByOtherRequests,
            d.remainingAfterThisRequest,
          ]),
        ).toEqual([
          ['applicant-a', usd(25_000), usd(10_000), usd(20_000), -usd(5_000)],
          ['applicant-b', usd(167_000), usd(50_000), 0, usd(117_000)],
        ]);
        expect(
          v.findings
            .filter((f) => f.ruleId === 'erate.category-two-budget' && f.severity === 'violation')
            .map((f) => f.message),
        ).toEqual([
          "Category 2 requests of FY2021–2025 drawing on applicant-a's $25,000.00 budget exceed it by $5,000.00",
        ]);
        // The member's own request sees the consortium's line too.
        expect(render(s, 'frn-a').categoryTwoBudget?.draws[0]).toEqual(
          expect.objectContaining({
            holder: 'applicant-a',
            otherRequests: [{ frn: FRN, amount: usd(10_000) }],
            remainingAfterThisRequest: -usd(5_000),
          }),
        );
      });

      it('a consortium line naming no member, or a stranger, draws on no budget and gets a finding', () => {
        const s = erateScenario().given(
          ...members(),
          applicantRegistered('applicant-z', { kind: 'school' }),
          consortiumRequest([
            frnLine({ lineId: 'A', usualUnitPrice: usd(1_000), entity: 'applicant-a' }),
            frnLine({ lineId: 'X', usualUnitPrice: usd(1_000) }),
            frnLine({ lineId: 'Z', usualUnitPrice: usd(1_000), entity: 'applicant-z' }),
          ]),
        );
        const v = render(s);
        expect(v.categoryTwoBudget?.draws.map((d) => d.holder)).toEqual(['applicant-a']);
        expect(v.findings).toContainEqual(
          expect.objectContaining({
            ruleId: 'erate.category-two-budget',
            severity: 'warning',
            message: "Lines X of this consortium request name no member: they draw on no member's Category 2 budget",
            sourceEventIds: [s.idOf('FundingRequestDrafted')],
          }),
        );
        expect(v.findings).toContainEqual(
          expect.objectContaining({
            ruleId: 'erate.category-two-budget',
            severity: 'warning',
            message: expect.stringContaining('Z (applicant-z)'),
          }),
        );
      });

      it('a line for a member that is not registered draws on no budget, and a warning says so', () => {
        const s = erateScenario().given(
          applicantRegistered('applicant-a', { kind: 'school' }),
          applicantRegistered('applicant-c', {
            kind: 'consortium',
            students: 0,
            nslpEligibleStudents: 0,
            memberApplicantIds: ['applicant-a', 'applicant-gone'],
          }),
          consortiumRequest([
            frnLine({ lineId: 'A', usualUnitPrice: usd(1_000), entity: 'applicant-a' }),
            frnLine({ lineId: 'G', usualUnitPrice: usd(1_000), entity: 'applicant-gone' }),
          ]),
        );
        const v = render(s);
        expect(v.categoryTwoBudget?.draws.map((d) => d.holder)).toEqual(['applicant-a']);
        expect(v.findings).toContainEqual(
          expect.objectContaining({
            ruleId: 'erate.category-two-budget',
            severity: 'warning',
            message: 'applicant-gone is not registered: no Category 2 budget can be read for it',
          }),
        );
      });

      it('a consortium request whose lines all name members has no line finding (compliant)', () => {
        const s = erateScenario().given(
          ...members(),
          consortiumRequest([frnLine({ lineId: 'A', usualUnitPrice: usd(1_000), entity: 'applicant-a' })]),
        );
        expect(render(s).findings.filter((f) => f.ruleId === 'erate.category-two-budget')).toEqual([]);
      });
    });

    it('FY2026 under erate-2030: $201.57 per student (1,000 students: $201,570)', () => {
      const s = erateScenario().given(
        lea,
        frnDrafted(
          FRN,
          { category: 2, fundingYear: 2026, lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(1_000) })] },
          { ruleSet: 'erate-2030' },
        ),
      );
      expect(render(s)).toEqual(
        expect.objectContaining({
          ruleSet: 'erate-2030',
          categoryTwoBudget: expect.objectContaining({
            budget: usd(201_570),
            cycle: { firstFundingYear: 2026, lastFundingYear: 2030 },
          }),
        }),
      );
    });

    it('FY2015–2020 (erate-fsa-2015): no budget, and an info finding quoting the rule set’s reason', () => {
      const s = erateScenario().given(
        lea,
        frnDrafted(FRN, { category: 2, fundingYear: 2019 }, { ruleSet: 'erate-fsa-2015' }),
      );
      const v = render(s);
      expect(v.categoryTwoBudget).toBeNull();
      expect(v.findings).toContainEqual(
        expect.objectContaining({
          ruleId: 'erate.category-two-budget',
          ruleSet: 'erate-fsa-2015',
          severity: 'info',
          message: expect.stringMatching(
            /^No Category 2 budget is computed under erate-fsa-2015: FY2015–2020 Category 2 budgets were per school/,
          ),
        }),
      );
    });

    it('a Category 1 request has no budget and no budget finding', () => {
      const v = render(erateScenario().given(lea, frnDrafted(FRN)));
      expect(v.categoryTwoBudget).toBeNull();
      expect(v.findings.filter((f) => f.ruleId === 'erate.category-two-budget')).toEqual([]);
    });
  });

  it('a Category 2 request is budgeted by its funding year’s set, not its draft date: FY2026 drafted in 2025 gets erate-2030’s $201.57 per student (FCC WCB Public Notice, June 4, 2025)', () => {
    const v = render(erateScenario().given(lea, frnDrafted(FRN, { category: 2, fundingYear: 2026 })));
    expect(v.ruleSet).toBe('erate-2030');
    expect(v.categoryTwoBudget?.budget).toBe(usd(201_570));
  });

  it('Form 486: due 120 days after the later of service start and commitment; late filing is a warning', () => {
    const s = erateScenario().given(
      lea,
      frnDrafted(FRN),
      fact(FRN, 'FundingRequestSubmitted', { form471Number: '251', submittedOn: '2025-03-20' }),
      fact(FRN, 'FundingCommitted', { amount: 8_000, committedOn: '2025-08-15' }),
    );
    expect(render(s).dates.form486DueOn).toBe('2025-12-13');
    expect(render(s).findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'erate.form-486-deadline',
        severity: 'info',
        message: 'Form 486 is due by 2025-12-13',
      }),
    );
    s.record(fact(FRN, 'Form486Filed', { filedOn: '2025-12-14' }));
    expect(render(s).findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'erate.form-486-deadline',
        severity: 'warning',
        sourceEventIds: [s.idOf('FundingCommitted'), s.idOf('Form486Filed')],
      }),
    );
  });

  it('records retention: ten years after the later of the funding year end and the service delivery deadline, not after the last day of service', () => {
    const oneTime = render(erateScenario().given(lea, frnDrafted(FRN, { category: 2, serviceEndDate: '2026-08-31' })));
    expect(oneTime.dates.recordsRetainedUntil).toBe('2036-09-30');
    const recurring = render(erateScenario().given(lea, frnDrafted(FRN, { serviceEndDate: '2026-03-31' })));
    expect(recurring.dates.recordsRetainedUntil).toBe('2036-06-30');
    expect(recurring.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'erate.records-retention', severity: 'info' }),
    );
  });

  it('explains every figure: a trace step per computation with rule, rule set, citation and source events', () => {
    const s = erateScenario().given(
      lea,
      frnDrafted(FRN, { lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(1_000) })] }),
      fact(FRN, 'PromptPaymentDiscountOffered', { rateBasisPoints: 1_000, withinDays: 30 }),
    );
    const trace = render(s).trace;
    expect(trace.map((t) => t.step)).toEqual([
      'usual-cost',
      'deduction:prompt-payment-discount',
      'eligible-cost',
      '30-percent-rule',
      'discount-count:applicant-lea',
      'discount-share:applicant-lea',
      'discount-locale:applicant-lea',
      'discount-band:applicant-lea',
      'discount-rate',
      'commitment',
      'non-discount-share',
    ]);
    for (const step of trace)
      expect(step).toEqual(
        expect.objectContaining({
          ruleId: expect.stringMatching(/^erate\./),
          ruleSet: 'erate-2025',
          citation: expect.any(String),
        }),
      );
    expect(trace[1]).toEqual(
      expect.objectContaining({
        values: expect.objectContaining({ amount: usd(100) }),
        sourceEventIds: [s.idOf('PromptPaymentDiscountOffered')],
      }),
    );
    expect(trace[5]!.values).toEqual({
      basis: 'own',
      district: null,
      totalStudents: 1_000,
      totalNslp: 600,
      nslpPercentUnrounded: 60,
      nslpPercent: 60,
      rounding: 'whole-percent-half-up',
    });
    expect(trace[8]!.sourceEventIds).toEqual([s.idOf('ApplicantRegistered')]);
    expect(trace[9]!.values).toEqual(
      expect.objectContaining({
        eligible: usd(900),
        ratePercent: 80,
        requestedCommitment: usd(720),
        erateShare: usd(720),
        stateFunding: 0,
        applicantShare: usd(180),
      }),
    );
  });

  it('an FRN drafted in FY2019 is judged by the 2015 rule set; metadata can name one explicitly', () => {
    const old = erateScenario().given(
      lea,
      frnDrafted(FRN, { fundingYear: 2019 }, { occurredAt: '2019-02-01T00:00:00Z' }),
    );
    expect(render(old).ruleSet).toBe('erate-fsa-2015');
    const named = erateScenario().given(lea, frnDrafted(FRN, {}, { ruleSet: 'erate-fsa-2015' }));
    expect(render(named).ruleSet).toBe('erate-fsa-2015');
  });

  it('as of an earlier position, the same function gives the earlier answer', () => {
    const s = erateScenario().given(
      lea,
      frnDrafted(FRN, { lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(1_000) })] }),
    );
    const before = s.recorded.length;
    s.record(fact(FRN, 'PriceReductionOffered', { description: 'cut', rateBasisPoints: 2_000 }));
    const asOf = new FoldedFacts([...stateProgramStreams, ...erateStreams]);
    s.recorded.slice(0, before).forEach((e) => asOf.apply(e));
    expect(renderFundingRequest(FRN, asOf)).toEqual(
      expect.objectContaining({ position: before, eligiblePreDiscountCost: usd(1_000) }),
    );
    expect(render(s)).toEqual(expect.objectContaining({ position: before + 1, eligiblePreDiscountCost: usd(800) }));
  });
});
