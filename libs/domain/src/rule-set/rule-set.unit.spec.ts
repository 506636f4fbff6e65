import { DomainError } from '../shared/errors';
import { fact } from '../../testing/scenario';
import { refusalCode } from '../../testing/refusal-code';
import { applicantRegistered, bidRequestPosted, erateScenario, frnDrafted } from '../../testing/erate-fixtures';
import { builtInErateRuleSets, erate2030 } from './erate-rule-sets';
import { adoptionOf, type ErateRuleSetAdopted } from './adoption';
import { type FundingRequestView, renderFundingRequest } from '../erate-views/funding-request-read-model';
import { renderBidRecord } from '../erate-views/bid-record-read-model';
import { erateRuleSetForFundingYear, erateRuleSetsAsOf } from './erate-rule-set-lookup';
import { ERATE_RULE_SET_STREAM } from './events';
import { erateRuleSetErrors } from './rule-set-validation';
import { renderRuleSets } from './rule-sets-read-model';
import { ruleSetStream } from './stream';

const STREAM = ERATE_RULE_SET_STREAM;
/** A FY2031–2035 set with erate-2030's figures under a new id, as an admin would adopt it. */
const fy2035 = (over: Partial<ErateRuleSetAdopted> = {}): ErateRuleSetAdopted => ({
  ...adoptionOf(erate2030, '2030-12-01'),
  id: 'erate-2035',
  description: 'E-Rate FY2031–FY2035',
  fundingYears: { first: 2031, last: 2035 },
  params: {
    ...erate2030.params,
    categoryTwoBudget: { ...erate2030.params.categoryTwoBudget, cycleStartFundingYear: 2031 },
  },
  ...over,
});
const adopted = (data: ErateRuleSetAdopted, stream = STREAM) => fact(stream, 'ErateRuleSetAdopted', data);
const withParams = (params: Record<string, unknown>): ErateRuleSetAdopted =>
  fy2035({ params: { ...erate2030.params, ...params } as ErateRuleSetAdopted['params'] });
const refusal = (data: ErateRuleSetAdopted, ...given: ErateRuleSetAdopted[]) =>
  refusalCode(() =>
    erateScenario()
      .given(...given.map((g) => adopted(g)))
      .record(adopted(data)),
  );
const messageOf = (data: ErateRuleSetAdopted): string => {
  try {
    erateScenario().record(adopted(data));
  } catch (e) {
    if (e instanceof DomainError) return e.message;
    throw e;
  }
  throw new Error('accepted');
};

describe('E-Rate rule sets are records on the rule-set stream', () => {
  it('the catalog example and every built-in set are valid', () => {
    expect(ruleSetStream.events.ErateRuleSetAdopted.validate(ruleSetStream.events.ErateRuleSetAdopted.example)).toEqual(
      [],
    );
    for (const set of builtInErateRuleSets)
      expect([set.id, erateRuleSetErrors(adoptionOf(set, '2026-12-01'))]).toEqual([set.id, []]);
  });

  it('given no adoption, when a FY2031–2035 set is adopted, then it is recorded and judges FY2031', () => {
    const s = erateScenario();
    const [event] = s.record(adopted(fy2035()));
    expect(event).toMatchObject({ stream: STREAM, type: 'ErateRuleSetAdopted', data: { id: 'erate-2035' } });
    expect(erateRuleSetForFundingYear(s.facts, 2031)?.id).toBe('erate-2035');
    expect(erateRuleSetForFundingYear(s.facts, 2030)?.id).toBe('erate-2030');
    expect(renderRuleSets(STREAM, s.facts)?.ruleSets.find((r) => r.id === 'erate-2035')).toMatchObject({
      builtIn: false,
      inForce: true,
      fundingYears: { first: 2031, last: 2035 },
      recorded: { eventId: event!.id, position: event!.position, adoptedOn: '2030-12-01' },
    });
  });

  it('built-ins are known before they are recorded, without a record', () => {
    expect(erateRuleSetsAsOf(erateScenario().facts).map((k) => [k.ruleSet.id, k.inForce, k.recorded])).toEqual([
      ['erate-fsa-2015', true, null],
      ['erate-2025', true, null],
      ['erate-2030', true, null],
    ]);
  });

  describe('refuses a set it could not apply (rule-set-invalid, naming the field)', () => {
    it.each([
      [
        'bands out of order',
        withParams({
          discountMatrix: [
            erate2030.params.discountMatrix[0],
            erate2030.params.discountMatrix[2],
            erate2030.params.discountMatrix[1],
          ],
        }),
        'params.discountMatrix[2].fromBasisPoints',
      ],
      [
        'a first band above 0%',
        withParams({ discountMatrix: erate2030.params.discountMatrix.slice(1) }),
        'params.discountMatrix[0].fromBasisPoints',
      ],
      [
        'a discount of 101%',
        withParams({
          discountMatrix: [{ ...erate2030.params.discountMatrix[0]!, category1: { urban: 101, rural: 25 } }],
        }),
        'params.discountMatrix[0].category1.urban',
      ],
      [
        'a 30% threshold above 100%',
        withParams({ thirtyPercentThresholdBasisPoints: 10_001 }),
        'params.thirtyPercentThresholdBasisPoints',
      ],
      [
        'money not in whole cents',
        withParams({ categoryTwoBudget: { ...erate2030.params.categoryTwoBudget, floor: 3_017_500.5 } }),
        'params.categoryTwoBudget.floor',
      ],
      [
        'an unknown budget basis',
        withParams({ categoryTwoBudget: { basis: 'per-school', cycleStartFundingYear: 2031, cycleYears: 5 } }),
        'params.categoryTwoBudget.basis',
      ],
      [
        'a window that closes before it opens',
        withParams({ form471Windows: { '2031': { opens: '2031-03-01', closes: '2031-01-15', source: 'USAC' } } }),
        'params.form471Windows.2031.closes',
      ],
      [
        'a window date that is no date',
        withParams({ form471Windows: { '2031': { opens: '2031-02-30', closes: '2031-04-01', source: 'USAC' } } }),
        'params.form471Windows.2031.opens',
      ],
      [
        'a service delivery day that is no month-day',
        withParams({ serviceDelivery: { recurringLastDay: '6/30', nonRecurringLastDay: '09-30' } }),
        'params.serviceDelivery.recurringLastDay',
      ],
      ['a missing figure', withParams({ gifts: undefined }), 'params.gifts'],
      ['an unknown figure', withParams({ bonusPoints: 5 }), 'params.bonusPoints'],
      [
        'funding years that end before they begin',
        fy2035({ fundingYears: { first: 2035, last: 2031 } }),
        'fundingYears.last',
      ],
      ['no public source', fy2035({ sources: [] }), 'sources'],
    ])('%s', (_what, data, field) => {
      expect(refusal(data)).toBe('rule-set-invalid');
      expect(messageOf(data)).toContain(`${field} `);
    });

    it('a valid set names no field', () => {
      expect(erateRuleSetErrors(fy2035())).toEqual([]);
    });
  });

  it('refuses an id already adopted (rule-set-duplicate)', () => {
    expect(refusal(fy2035(), fy2035())).toBe('rule-set-duplicate');
  });

  it('refuses funding years that overlap an in-force set it does not supersede (rule-set-overlap)', () => {
    expect(refusal(fy2035({ fundingYears: { first: 2030, last: 2034 } }))).toBe('rule-set-overlap');
    expect(
      refusal(
        fy2035({ fundingYears: { first: 2035, last: 2035 } }),
        fy2035({ id: 'erate-2031', fundingYears: { first: 2031, last: 2035 } }),
      ),
    ).toBe('rule-set-overlap');
  });

  it('an open-ended set overlaps every later year; one starting the year after the last does not', () => {
    const open = fy2035({ id: 'erate-open', fundingYears: { first: 2031 } });
    expect(refusal(fy2035({ id: 'erate-2040', fundingYears: { first: 2036, last: 2040 } }), open)).toBe(
      'rule-set-overlap',
    );
    const s = erateScenario().given(adopted(fy2035()));
    s.record(adopted(fy2035({ id: 'erate-2040', fundingYears: { first: 2036, last: 2040 } })));
    expect(erateRuleSetForFundingYear(s.facts, 2036)?.id).toBe('erate-2040');
  });

  it('supersede: a set for FY2026–2030 that supersedes erate-2030 takes it out of force', () => {
    const s = erateScenario();
    s.record(
      adopted(fy2035({ id: 'erate-2030-r2', fundingYears: { first: 2026, last: 2030 }, supersedes: 'erate-2030' })),
    );
    expect(erateRuleSetForFundingYear(s.facts, 2026)?.id).toBe('erate-2030-r2');
    expect(renderRuleSets(STREAM, s.facts)?.ruleSets.find((r) => r.id === 'erate-2030')).toMatchObject({
      inForce: false,
      supersededBy: 'erate-2030-r2',
    });
  });

  it('refuses a supersedes that names no known set (rule-set-unknown)', () => {
    expect(refusal(fy2035({ supersedes: 'erate-2099' }))).toBe('rule-set-unknown');
  });

  it('refuses superseding a set already out of force (rule-set-already-superseded)', () => {
    const r2 = fy2035({ id: 'erate-2030-r2', fundingYears: { first: 2026, last: 2030 }, supersedes: 'erate-2030' });
    expect(refusal({ ...r2, id: 'erate-2030-r3' }, r2)).toBe('rule-set-already-superseded');
  });

  it('refuses a built-in id with other content (rule-set-builtin-mismatch), records it with its own content once', () => {
    const own = adoptionOf(erate2030, '2026-12-01');
    expect(
      refusal({
        ...own,
        params: {
          ...own.params,
          categoryTwoBudget: {
            ...erate2030.params.categoryTwoBudget,
            floor: 3_000_000,
          } as typeof own.params.categoryTwoBudget,
        },
      }),
    ).toBe('rule-set-builtin-mismatch');
    expect(refusal({ ...own, supersedes: 'erate-2025' })).toBe('rule-set-builtin-mismatch');
    const s = erateScenario();
    s.record(adopted(own));
    expect(refusalCode(() => s.record(adopted(own)))).toBe('rule-set-duplicate');
  });

  it('records a built-in with its own content even after a set superseded it: the record only shows it', () => {
    const s = erateScenario().given(
      adopted(fy2035({ id: 'erate-2030-r2', fundingYears: { first: 2026, last: 2030 }, supersedes: 'erate-2030' })),
    );
    s.record(adopted(adoptionOf(erate2030, '2026-12-01')));
    expect(erateRuleSetForFundingYear(s.facts, 2027)?.id).toBe('erate-2030-r2');
  });

  it('refuses a rule set on another stream (rule-set-stream-unknown)', () => {
    expect(refusalCode(() => erateScenario().record(adopted(fy2035(), 'ruleset-state')))).toBe(
      'rule-set-stream-unknown',
    );
  });

  it('a draft, a posting or a donation may name an adopted set once it is adopted, not before (unknown-rule-set)', () => {
    const s = erateScenario();
    expect(refusalCode(() => s.record(frnDrafted('frn-1', { fundingYear: 2031 }, { ruleSet: 'erate-2035' })))).toBe(
      'unknown-rule-set',
    );
    expect(refusalCode(() => s.record(bidRequestPosted('procurement-470', {}, { ruleSet: 'erate-2035' })))).toBe(
      'unknown-rule-set',
    );
    s.record(
      fact('provider-143000001', 'ServiceProviderRegistered', {
        spin: '143000001',
        name: 'Acme',
        registeredOn: '2024-01-01',
      }),
    );
    const donation = {
      donationId: 'D1',
      recipientOrganization: 'Fdn',
      amount: 100,
      madeOn: '2031-08-01',
      earmarkedForApplicant: false,
      bonaFideIndependentGrant: true,
    };
    expect(
      refusalCode(() =>
        s.record(fact('provider-143000001', 'ProviderDonationMade', donation, { ruleSet: 'erate-2035' })),
      ),
    ).toBe('unknown-rule-set');
    s.record(adopted(fy2035()));
    s.record(frnDrafted('frn-1', { fundingYear: 2031 }, { ruleSet: 'erate-2035' }));
    s.record(bidRequestPosted('procurement-470', {}, { ruleSet: 'erate-2035' }));
    s.record(fact('provider-143000001', 'ProviderDonationMade', donation, { ruleSet: 'erate-2035' }));
    expect(renderFundingRequest('frn-1', s.facts)?.ruleSet).toBe('erate-2035');
    expect(renderBidRecord('procurement-470', s.facts)?.ruleSet).toBe('erate-2035');
  });
});

describe('a funding request is judged by the rule set for its funding year (47 CFR § 54.507(a), FCC 19-117)', () => {
  const FRN = 'frn-fy';
  const lea = applicantRegistered('applicant-lea');
  // Every draft is dated 2025-01-01: the date no longer picks the set, the funding year does.
  const view = (fundingYear: number, ...given: ErateRuleSetAdopted[]): FundingRequestView =>
    renderFundingRequest(
      FRN,
      erateScenario().given(...given.map((g) => adopted(g)), lea, frnDrafted(FRN, { fundingYear, category: 2 })).facts,
    )!;

  it.each([
    [2020, 'erate-fsa-2015'],
    [2025, 'erate-2025'],
    [2026, 'erate-2030'],
    [2027, 'erate-2030'],
  ])('FY%i → %s', (fundingYear, id) => {
    expect(view(fundingYear).ruleSet).toBe(id);
    expect(view(fundingYear).findings.some((f) => f.ruleId === 'erate.rule-set-in-force')).toBe(false);
  });

  it('FY2031: no set covers it, so a violation "no rule set adopted for FY2031" on the draft and no figures', () => {
    const s = erateScenario().given(lea, frnDrafted(FRN, { fundingYear: 2031, category: 2 }));
    const v = renderFundingRequest(FRN, s.facts)!;
    expect(v.findings).toEqual([
      {
        ruleId: 'erate.rule-set-in-force',
        ruleSet: 'none',
        citation:
          '47 CFR § 54.507(a) (Part 54, Subpart F); FCC 19-117 (Category Two Report and Order, December 3, 2019)',
        severity: 'violation',
        message: 'no rule set adopted for FY2031',
        sourceEventIds: [s.idOf('FundingRequestDrafted')],
        subject: FRN,
      },
    ]);
    expect(v).toMatchObject({
      ruleSet: null,
      discount: null,
      requestedCommitment: null,
      fundableCommitment: null,
      categoryTwoBudget: null,
      thirtyPercentRule: null,
      nonDiscountShare: null,
      preDiscountCost: null,
      eligiblePreDiscountCost: null,
      stateMatch: null,
      shares: null,
      trace: [],
      dates: {
        form486DueOn: null,
        form486FiledOn: null,
        serviceDeliveryDeadline: null,
        invoiceDueOn: null,
        recordsRetainedUntil: null,
      },
    });
    expect(v.lines.map((l) => [l.lineId, l.eligibleCost])).toEqual([['L1', null]]);
  });

  it('FY2031 once a set for it is adopted: judged by that set, with figures', () => {
    const v = view(2031, fy2035());
    expect(v.ruleSet).toBe('erate-2035');
    expect(v.categoryTwoBudget?.budget).toBe(20_157 * 1_000);
  });

  it('a draft that names a set is judged by it whatever its funding year', () => {
    const s = erateScenario().given(lea, frnDrafted(FRN, { fundingYear: 2026 }, { ruleSet: 'erate-fsa-2015' }));
    expect(renderFundingRequest(FRN, s.facts)?.ruleSet).toBe('erate-fsa-2015');
  });
});
