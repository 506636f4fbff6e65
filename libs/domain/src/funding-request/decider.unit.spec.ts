import { fact } from '../../testing/scenario';
import { refusalCode } from '../../testing/refusal-code';
import { applicantRegistered, erateScenario, frnDrafted, frnLine } from '../../testing/erate-fixtures';

const FRN = 'frn-1';
const submitted = fact(FRN, 'FundingRequestSubmitted', { form471Number: '251000123', submittedOn: '2025-03-20' });
const committed = (committedOn = '2025-06-15', amount = 8_000) =>
  fact(FRN, 'FundingCommitted', { amount, committedOn });

describe('FRN decider refuses impossible facts', () => {
  it.each([
    ['InvoicePaid', { invoiceNumber: 'I1', amount: 100, paidOn: '2025-09-01' }],
    ['FundingCommitted', { amount: 100, committedOn: '2025-06-01' }],
    ['PriceReductionOffered', { description: 'cut', amount: 100 }],
    ['FundingRequestSubmitted', { form471Number: '1', submittedOn: '2025-03-01' }],
  ])('%s on an FRN never drafted', (type, data) => {
    expect(refusalCode(() => erateScenario().record(fact(FRN, type, data)))).toBe('frn-not-drafted');
  });

  it('a second draft of the same FRN', () => {
    const s = erateScenario().given(frnDrafted(FRN));
    expect(refusalCode(() => s.record(frnDrafted(FRN)))).toBe('frn-already-drafted');
  });

  it('a draft naming a rule set that is not E-Rate’s', () => {
    expect(refusalCode(() => erateScenario().record(frnDrafted(FRN, {}, { ruleSet: 'ms-connects-2020' })))).toBe(
      'unknown-rule-set',
    );
  });

  it('a commitment before submission', () => {
    const s = erateScenario().given(frnDrafted(FRN));
    expect(refusalCode(() => s.record(committed()))).toBe('frn-not-submitted');
  });

  it('a commitment dated before the submission', () => {
    const s = erateScenario().given(frnDrafted(FRN), submitted);
    expect(refusalCode(() => s.record(committed('2025-03-19')))).toBe('frn-commitment-before-submission');
  });

  it('a duplicate submission', () => {
    const s = erateScenario().given(frnDrafted(FRN), submitted);
    expect(refusalCode(() => s.record(submitted))).toBe('frn-already-submitted');
  });

  it('a commitment of a denied request, and a denial of a committed one', () => {
    const denied = erateScenario().given(
      frnDrafted(FRN),
      submitted,
      fact(FRN, 'FundingDenied', { deniedOn: '2025-06-01', reason: '30% rule' }),
    );
    expect(refusalCode(() => denied.record(committed()))).toBe('frn-not-awaiting-decision');
    const c = erateScenario().given(frnDrafted(FRN), submitted, committed());
    expect(refusalCode(() => c.record(fact(FRN, 'FundingDenied', { deniedOn: '2025-07-01', reason: 'late' })))).toBe(
      'frn-not-awaiting-decision',
    );
  });

  it('an invoice or Form 486 on an uncommitted FRN, and a duplicate invoice', () => {
    const s = erateScenario().given(frnDrafted(FRN), submitted);
    expect(
      refusalCode(() => s.record(fact(FRN, 'InvoicePaid', { invoiceNumber: 'I1', amount: 100, paidOn: '2025-09-01' }))),
    ).toBe('frn-not-committed');
    expect(refusalCode(() => s.record(fact(FRN, 'Form486Filed', { filedOn: '2025-09-01' })))).toBe('frn-not-committed');
    s.record(committed());
    s.record(fact(FRN, 'InvoicePaid', { invoiceNumber: 'I1', amount: 100, paidOn: '2025-09-01' }));
    expect(
      refusalCode(() => s.record(fact(FRN, 'InvoicePaid', { invoiceNumber: 'I1', amount: 100, paidOn: '2025-09-02' }))),
    ).toBe('frn-invoice-duplicate');
  });

  it('a reduction larger than what is left committed', () => {
    const s = erateScenario().given(
      frnDrafted(FRN),
      submitted,
      committed('2025-06-15', 8_000),
      fact(FRN, 'FundingReduced', { amount: 5_000, reducedOn: '2025-07-01', reason: 'audit' }),
    );
    expect(
      refusalCode(() =>
        s.record(fact(FRN, 'FundingReduced', { amount: 3_001, reducedOn: '2025-08-01', reason: 'audit' })),
      ),
    ).toBe('frn-reduction-exceeds-commitment');
  });

  it('offers and allocations naming lines the FRN does not have', () => {
    const s = erateScenario().given(frnDrafted(FRN));
    expect(
      refusalCode(() =>
        s.record(fact(FRN, 'BundleDiscountOffered', { description: 'b', lineIds: ['L9'], quotedTotal: 1 })),
      ),
    ).toBe('frn-line-unknown');
    expect(
      refusalCode(() =>
        s.record(fact(FRN, 'CostAllocationDeclared', { lineId: 'L9', eligibleBasisPoints: 5_000, method: 'm' })),
      ),
    ).toBe('frn-line-unknown');
  });

  it('a line correction that does not name the event that last set the line', () => {
    const s = erateScenario().given(frnDrafted(FRN));
    expect(
      refusalCode(() =>
        s.record(
          fact(FRN, 'FundingRequestLineCorrected', {
            correctsEventId: 'nope',
            reason: 'r',
            line: frnLine({ lineId: 'L1', usualUnitPrice: 5 }),
          }),
        ),
      ),
    ).toBe('frn-correction-stale');
    s.record(
      fact(FRN, 'FundingRequestLineCorrected', {
        correctsEventId: s.idOf('FundingRequestDrafted'),
        reason: 'r',
        line: frnLine({ lineId: 'L1', usualUnitPrice: 5 }),
      }),
    );
    expect(
      refusalCode(() =>
        s.record(
          fact(FRN, 'FundingRequestLineCorrected', {
            correctsEventId: s.idOf('FundingRequestDrafted'),
            reason: 'again',
            line: frnLine({ lineId: 'L1', usualUnitPrice: 6 }),
          }),
        ),
      ),
    ).toBe('frn-correction-stale');
  });

  it('withdrawing an event that is not an offer of this FRN, or withdrawing twice', () => {
    const s = erateScenario().given(
      frnDrafted(FRN),
      fact(FRN, 'PriceReductionOffered', { description: 'cut', amount: 100 }),
    );
    expect(
      refusalCode(() =>
        s.record(
          fact(FRN, 'FundingRequestOfferWithdrawn', { withdrawnEventId: s.idOf('FundingRequestDrafted'), reason: 'r' }),
        ),
      ),
    ).toBe('frn-offer-unknown');
    s.record(
      fact(FRN, 'FundingRequestOfferWithdrawn', {
        withdrawnEventId: s.idOf('PriceReductionOffered'),
        reason: 'expired',
      }),
    );
    expect(
      refusalCode(() =>
        s.record(
          fact(FRN, 'FundingRequestOfferWithdrawn', {
            withdrawnEventId: s.idOf('PriceReductionOffered'),
            reason: 'again',
          }),
        ),
      ),
    ).toBe('frn-offer-already-withdrawn');
  });

  it('records facts that break rules: an undeducted free item is accepted', () => {
    const s = erateScenario().given(applicantRegistered('applicant-lea'), frnDrafted(FRN));
    expect(
      s.record(
        fact(FRN, 'FreeItemOffered', {
          description: 'phones',
          quantity: 5,
          fairMarketValue: 70_000,
          tiedToPurchase: true,
          treatment: 'not-deducted',
        }),
      ),
    ).toHaveLength(1);
  });
});
