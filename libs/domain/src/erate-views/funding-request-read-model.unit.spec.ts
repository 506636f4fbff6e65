import { FoldedFacts } from '../shared/folded-facts';
import { usd } from '../shared/money';
import { fact } from '../testing/scenario';
import { applicantRegistered, bidLine, bidReceived, bidRequestPosted, erateScenario, frnDrafted, frnLine } from '../testing/erate-fixtures';
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
    const s = erateScenario().given(lea, frnDrafted(FRN, { lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(10_000) })] }));
    expect(render(s).status).toBe('drafted');
    s.given(fact(FRN, 'FundingRequestSubmitted', { form471Number: '251', submittedOn: '2025-03-20' }));
    expect(render(s).status).toBe('submitted');
    s.given(fact(FRN, 'FundingCommitted', { amount: usd(8_000), committedOn: '2025-08-15' }));
    expect(render(s).status).toBe('committed');
    s.given(fact(FRN, 'FundingReduced', { amount: usd(1_000), reducedOn: '2025-09-01', reason: 'audit' }));
    expect(render(s).status).toBe('reduced');
    s.given(fact(FRN, 'InvoicePaid', { invoiceNumber: 'I1', amount: usd(3_000), paidOn: '2025-12-01' }));
    expect(render(s)).toEqual(expect.objectContaining({
      status: 'invoiced', funding: { committed: usd(8_000), committedOn: '2025-08-15', reduced: usd(1_000), committedAfterReductions: usd(7_000), invoiced: usd(3_000) },
    }));
  });

  it('denied requests show as denied', () => {
    const s = erateScenario().given(lea, frnDrafted(FRN), fact(FRN, 'FundingRequestSubmitted', { form471Number: '251', submittedOn: '2025-03-20' }), fact(FRN, 'FundingDenied', { deniedOn: '2025-06-01', reason: 'r' }));
    expect(render(s).status).toBe('denied');
  });

  describe('30% rule through the read model', () => {
    it('an ineligible share of 29.99% is reduced by that share and goes on', () => {
      const s = erateScenario().given(lea, frnDrafted(FRN, { lines: lines(700_100, 299_900) }));
      const v = render(s);
      expect(v).toEqual(expect.objectContaining({ eligiblePreDiscountCost: 700_100, ineligibleCost: 299_900, ineligibleShareBasisPoints: 2_999 }));
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
        fact('provider-143000001', 'ServiceProviderRegistered', { spin: '143000001', name: 'Acme', registeredOn: '2024-01-01' }),
        frnDrafted(FRN, { lines: lines(990_000, 10_000) }),
        fact('provider-143000001', 'ProviderDonationMade', {
          donationId: 'D1', recipientOrganization: 'Booster club', amount: usd(2_000), madeOn: '2025-01-02', earmarkedForApplicant: false, tiedToProcurement: 'procurement-470', bonaFideIndependentGrant: false,
        }),
      );
      const v = render(s);
      expect(v.thirtyPercentRule).toEqual({ outcome: 'deny', deniedFor: 'serious-violation' });
      expect(v.findings.filter((f) => f.severity === 'serious').map((f) => f.ruleId)).toEqual(['erate.provider-donation', 'erate.30-percent']);
    });
  });

  it('a subcontractor’s donation earmarked for the applicant is a serious violation too', () => {
    const s = erateScenario().given(
      lea,
      fact('provider-143000001', 'ServiceProviderRegistered', { spin: '143000001', name: 'Acme', registeredOn: '2024-01-01' }),
      fact('provider-555', 'ServiceProviderRegistered', { spin: '555', name: 'Cabling Co', registeredOn: '2024-01-01' }),
      fact('provider-143000001', 'SubcontractorEngaged', { subcontractorSpin: '555', engagedOn: '2025-02-01', procurement: 'procurement-470' }),
      frnDrafted(FRN),
      fact('provider-555', 'ProviderDonationMade', {
        donationId: 'D1', recipientOrganization: 'Education Fund', beneficiaryApplicant: 'applicant-lea', amount: usd(5_000), madeOn: '2025-02-02', earmarkedForApplicant: true, bonaFideIndependentGrant: false,
      }),
    );
    const v = render(s);
    expect(v.thirtyPercentRule!.deniedFor).toBe('serious-violation');
    expect(v.findings).toContainEqual(expect.objectContaining({ ruleId: 'erate.provider-donation', message: expect.stringContaining('Subcontractor provider-555 of provider-143000001') }));
  });

  it('a donation earmarked for another applicant does not touch this FRN', () => {
    const s = erateScenario().given(
      lea,
      fact('provider-143000001', 'ServiceProviderRegistered', { spin: '143000001', name: 'Acme', registeredOn: '2024-01-01' }),
      frnDrafted(FRN),
      fact('provider-143000001', 'ProviderDonationMade', {
        donationId: 'D1', recipientOrganization: 'Fund', beneficiaryApplicant: 'applicant-other', amount: 100, madeOn: '2025-02-02', earmarkedForApplicant: true, bonaFideIndependentGrant: false,
      }),
    );
    expect(render(s).thirtyPercentRule!.outcome).toBe('approvable');
  });

  it('finds eligible unit prices above the provider’s bid (inflated to offset other discounts)', () => {
    const s = erateScenario().given(
      lea,
      bidRequestPosted('procurement-470'),
      bidReceived('procurement-470', { bidId: 'B1', spin: '143000001', lines: [bidLine({ product: 'Internet access', model: 'IA-1G', usualUnitPrice: usd(1_000) })] }),
      fact('procurement-470', 'VendorSelected', { bidId: 'B1', selectedOn: '2025-02-04' }),
      frnDrafted(FRN, { lines: [frnLine({ lineId: 'L1', product: 'Internet access', model: 'IA-1G', usualUnitPrice: usd(1_100) })] }),
    );
    expect(render(s).findings).toContainEqual(expect.objectContaining({
      ruleId: 'erate.inflated-eligible-cost', severity: 'violation', sourceEventIds: [s.idOf('FundingRequestDrafted'), s.idOf('BidReceived')],
    }));
  });

  it('finds ineligible lines without model number or location', () => {
    const s = erateScenario().given(lea, frnDrafted(FRN, { lines: [frnLine({ lineId: 'E', usualUnitPrice: 900 }), frnLine({ lineId: 'I', eligible: false, usualUnitPrice: 100, model: undefined })] }));
    expect(render(s).findings).toContainEqual(expect.objectContaining({ ruleId: 'erate.ineligible-identification', message: expect.stringContaining('lacks model') }));
  });

  it('a cost allocation keeps the declared eligible share of a mixed line', () => {
    const s = erateScenario().given(lea, frnDrafted(FRN, { lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(1_000) })] }), fact(FRN, 'CostAllocationDeclared', { lineId: 'L1', eligibleBasisPoints: 8_500, method: 'ports' }));
    expect(render(s)).toEqual(expect.objectContaining({ eligiblePreDiscountCost: usd(850), ineligibleCost: usd(150), ineligibleShareBasisPoints: 1_500 }));
  });

  it('a corrected line and a withdrawn offer change the figures, keeping every event in the trace', () => {
    const s = erateScenario().given(lea, frnDrafted(FRN, { lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(1_000) })] }), fact(FRN, 'PriceReductionOffered', { description: 'cut', amount: usd(100) }));
    s.record(fact(FRN, 'FundingRequestLineCorrected', { correctsEventId: s.idOf('FundingRequestDrafted'), reason: 'Quote revised', line: frnLine({ lineId: 'L1', usualUnitPrice: usd(2_000) }) }));
    expect(render(s).eligiblePreDiscountCost).toBe(usd(1_900));
    s.record(fact(FRN, 'FundingRequestOfferWithdrawn', { withdrawnEventId: s.idOf('PriceReductionOffered'), reason: 'Offer expired' }));
    const v = render(s);
    expect(v.eligiblePreDiscountCost).toBe(usd(2_000));
    expect(v.lines[0]!.sourceEventIds).toEqual([s.idOf('FundingRequestDrafted'), s.idOf('FundingRequestLineCorrected')]);
  });

  it('derives a consortium’s rate from its members’ streams, and names unregistered members', () => {
    const s = erateScenario().given(
      applicantRegistered('applicant-a', { kind: 'school', nslpEligibleStudents: 600 }),
      applicantRegistered('applicant-b', { kind: 'school', nslpEligibleStudents: 800 }),
      applicantRegistered('applicant-c', { kind: 'consortium', students: 0, nslpEligibleStudents: 0, memberApplicantIds: ['applicant-a', 'applicant-b', 'applicant-z'] }),
      frnDrafted(FRN, { applicant: 'applicant-c', category: 2, lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(1_000) })] }),
    );
    const v = render(s);
    expect(v.discount).toEqual(expect.objectContaining({ ratePercent: 83, consortiumAveraged: true, missingMembers: ['applicant-z'] }));
    expect(v.requestedCommitment).toBe(usd(830));
    expect(v.findings).toContainEqual(expect.objectContaining({ ruleId: 'erate.discount-rate', message: expect.stringContaining('applicant-z') }));
  });

  it('adds state match points to the discount', () => {
    const s = erateScenario().given(lea, frnDrafted(FRN, { lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(1_000) })] }), fact(FRN, 'StateMatchCommitted', { statePercent: 15, source: 'State match' }));
    expect(render(s).discount).toEqual(expect.objectContaining({ matrixRatePercent: 80, stateMatchPoints: 10, ratePercent: 90 }));
    expect(render(s).requestedCommitment).toBe(usd(900));
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
      frnDrafted('frn-a', { category: 2, fundingYear: 2023, lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(20_000) })] }),
      frnDrafted('frn-b', { category: 2, fundingYear: 2025, lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(6_000) })] }),
    );
    expect(render(s, 'frn-b').categoryTwoBudget).toEqual(expect.objectContaining({ budget: usd(25_000), usedByOtherRequests: usd(20_000), remainingAfterThisRequest: -usd(1_000) }));
    expect(render(s, 'frn-b').findings).toContainEqual(expect.objectContaining({ ruleId: 'erate.category-two-budget', severity: 'violation' }));
    expect(render(s, 'frn-a').categoryTwoBudget?.remainingAfterThisRequest).toBe(-usd(1_000));
  });

  it('a Category 2 request outside the budget cycle of the rule set its draft names shows no budget', () => {
    const s = erateScenario().given(lea, frnDrafted(FRN, { category: 2, fundingYear: 2026 }, { ruleSet: 'erate-2025' }));
    expect(render(s).categoryTwoBudget).toBeNull();
    expect(render(erateScenario().given(lea, frnDrafted(FRN, { category: 2, fundingYear: 2021 }))).categoryTwoBudget?.budget).toBe(usd(167_000));
  });

  it('a Category 2 request is budgeted by its funding year’s set, not its draft date: FY2026 drafted in 2025 gets erate-2030’s $201.57 per student (FCC WCB Public Notice, June 4, 2025)', () => {
    const v = render(erateScenario().given(lea, frnDrafted(FRN, { category: 2, fundingYear: 2026 })));
    expect(v.ruleSet).toBe('erate-2030');
    expect(v.categoryTwoBudget?.budget).toBe(usd(201_570));
  });

  it('Form 486: due 120 days after the later of service start and commitment; late filing is a warning', () => {
    const s = erateScenario().given(lea, frnDrafted(FRN), fact(FRN, 'FundingRequestSubmitted', { form471Number: '251', submittedOn: '2025-03-20' }), fact(FRN, 'FundingCommitted', { amount: 8_000, committedOn: '2025-08-15' }));
    expect(render(s).dates.form486DueOn).toBe('2025-12-13');
    expect(render(s).findings).toContainEqual(expect.objectContaining({ ruleId: 'erate.form-486-deadline', severity: 'info', message: 'Form 486 is due by 2025-12-13' }));
    s.record(fact(FRN, 'Form486Filed', { filedOn: '2025-12-14' }));
    expect(render(s).findings).toContainEqual(expect.objectContaining({ ruleId: 'erate.form-486-deadline', severity: 'warning', sourceEventIds: [s.idOf('FundingCommitted'), s.idOf('Form486Filed')] }));
  });

  it('records retention: ten years after the last day of service', () => {
    const v = render(erateScenario().given(lea, frnDrafted(FRN, { serviceEndDate: '2026-09-30' })));
    expect(v.dates.recordsRetainedUntil).toBe('2036-09-30');
    expect(v.findings).toContainEqual(expect.objectContaining({ ruleId: 'erate.records-retention', severity: 'info' }));
  });

  it('explains every figure: a trace step per computation with rule, rule set, citation and source events', () => {
    const s = erateScenario().given(
      lea,
      frnDrafted(FRN, { lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(1_000) })] }),
      fact(FRN, 'PromptPaymentDiscountOffered', { rateBasisPoints: 1_000, withinDays: 30 }),
    );
    const trace = render(s).trace;
    expect(trace.map((t) => t.step)).toEqual(['usual-cost', 'deduction:prompt-payment-discount', 'eligible-cost', '30-percent-rule', 'discount-rate', 'commitment', 'non-discount-share']);
    for (const step of trace) expect(step).toEqual(expect.objectContaining({ ruleId: expect.stringMatching(/^erate\./), ruleSet: 'erate-2025', citation: expect.any(String) }));
    expect(trace[1]).toEqual(expect.objectContaining({ values: expect.objectContaining({ amount: usd(100) }), sourceEventIds: [s.idOf('PromptPaymentDiscountOffered')] }));
    expect(trace[4]!.sourceEventIds).toEqual([s.idOf('ApplicantRegistered')]);
    expect(trace[5]!.values).toEqual(expect.objectContaining({ eligible: usd(900), ratePercent: 80, requestedCommitment: usd(720) }));
  });

  it('an FRN drafted in FY2019 is judged by the 2015 rule set; metadata can name one explicitly', () => {
    const old = erateScenario().given(lea, frnDrafted(FRN, { fundingYear: 2019 }, { occurredAt: '2019-02-01T00:00:00Z' }));
    expect(render(old).ruleSet).toBe('erate-fsa-2015');
    const named = erateScenario().given(lea, frnDrafted(FRN, {}, { ruleSet: 'erate-fsa-2015' }));
    expect(render(named).ruleSet).toBe('erate-fsa-2015');
  });

  it('as of an earlier position, the same function gives the earlier answer', () => {
    const s = erateScenario().given(lea, frnDrafted(FRN, { lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(1_000) })] }));
    const before = s.recorded.length;
    s.record(fact(FRN, 'PriceReductionOffered', { description: 'cut', rateBasisPoints: 2_000 }));
    const asOf = new FoldedFacts([...stateProgramStreams, ...erateStreams]);
    s.recorded.slice(0, before).forEach((e) => asOf.apply(e));
    expect(renderFundingRequest(FRN, asOf)).toEqual(expect.objectContaining({ position: before, eligiblePreDiscountCost: usd(1_000) }));
    expect(render(s)).toEqual(expect.objectContaining({ position: before + 1, eligiblePreDiscountCost: usd(800) }));
  });
});
