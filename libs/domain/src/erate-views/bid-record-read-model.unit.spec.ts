import { usd } from '../shared/money';
import { fact } from '../../testing/scenario';
import { bidLine, bidReceived, bidRequestPosted, erateScenario } from '../../testing/erate-fixtures';
import { bidRecordReadModel } from './bid-record-read-model';

const P = 'procurement-470';
const factors = (price: number, other: number) => [
  { name: 'Price', weightPercent: price, isPrice: true },
  { name: 'Experience', weightPercent: other, isPrice: false },
  { name: 'Local presence', weightPercent: 100 - price - other, isPrice: false },
];
const competition = () =>
  erateScenario().given(
    bidRequestPosted(P, { certifyDate: '2025-01-06' }),
    bidReceived(P, {
      bidId: 'B1',
      spin: '111',
      lines: [
        bidLine({ usualUnitPrice: usd(1_000) }),
        bidLine({ product: 'Web hosting', eligible: false, usualUnitPrice: usd(900) }),
      ],
    }),
    bidReceived(P, { bidId: 'B2', spin: '222', lines: [bidLine({ usualUnitPrice: usd(1_200) })] }),
    bidReceived(P, {
      bidId: 'B3',
      spin: '333',
      lines: [bidLine(), bidLine({ product: 'Web hosting', eligible: false })],
      bundlePrice: usd(500),
    }),
  );
const render = (s: ReturnType<typeof competition>) => bidRecordReadModel.render(P, s.facts)!;

describe('bid record', () => {
  it('keeps every bid with its eligible cost, ineligible extras not counted', () => {
    const v = render(competition());
    expect(v.bids.map((b) => [b.bidId, b.eligibleCost])).toEqual([
      ['B1', usd(1_000)],
      ['B2', usd(1_200)],
      ['B3', null],
    ]);
    expect(v.allowableContractDate).toBe('2025-02-03');
    expect(v.ruleSet).toBe('erate-2025');
  });

  it('shows factors, weights, weighted scores and the winner with why', () => {
    const s = competition().given(
      fact(P, 'BidEvaluationRecorded', {
        evaluatedOn: '2025-02-01',
        factors: factors(50, 30),
        scores: [
          { bidId: 'B1', factor: 'Price', points: 100 },
          { bidId: 'B1', factor: 'Experience', points: 50 },
          { bidId: 'B2', factor: 'Price', points: 80 },
        ],
      }),
      fact(P, 'VendorSelected', { bidId: 'B1', selectedOn: '2025-02-04', reason: 'Lowest eligible cost' }),
      fact(P, 'ContractSigned', { bidId: 'B1', contractNumber: 'C-1', signedOn: '2025-02-03' }),
    );
    const v = render(s);
    expect(v.evaluation?.factors).toEqual(factors(50, 30));
    expect(v.bids.map((b) => b.weightedScore)).toEqual([65, 40, 0]);
    expect(v.winner).toEqual(
      expect.objectContaining({ bidId: 'B1', spin: '111', reason: 'Lowest eligible cost', lowestEligibleCost: true }),
    );
    expect(v.findings).toEqual([]);
  });

  it('finds price not weighted most heavily, and price tied with another factor', () => {
    const s = competition().given(
      fact(P, 'BidEvaluationRecorded', { evaluatedOn: '2025-02-01', factors: factors(30, 40), scores: [] }),
    );
    expect(render(s).findings).toEqual([
      expect.objectContaining({
        ruleId: 'erate.price-most-heavily-weighted',
        severity: 'violation',
        sourceEventIds: [s.idOf('BidEvaluationRecorded')],
        subject: P,
      }),
    ]);
    const tied = competition().given(
      fact(P, 'BidEvaluationRecorded', { evaluatedOn: '2025-02-01', factors: factors(40, 40), scores: [] }),
    );
    expect(render(tied).findings.map((f) => f.ruleId)).toEqual(['erate.price-most-heavily-weighted']);
  });

  it('finds a winner that is not the cheapest eligible bid when no reason is recorded', () => {
    const s = competition().given(fact(P, 'VendorSelected', { bidId: 'B2', selectedOn: '2025-02-04' }));
    expect(render(s).findings).toEqual([
      expect.objectContaining({
        ruleId: 'erate.cost-effective-selection',
        sourceEventIds: [s.idOf('VendorSelected'), s.idOf('BidReceived', 1), s.idOf('BidReceived', 0)],
      }),
    ]);
    const reasoned = competition().given(
      fact(P, 'VendorSelected', {
        bidId: 'B2',
        selectedOn: '2025-02-04',
        reason: 'B1 failed the technical requirements',
      }),
    );
    expect(render(reasoned).findings).toEqual([]);
    expect(render(reasoned).winner?.lowestEligibleCost).toBe(false);
  });

  it('finds a contract signed before the allowable contract date, and not one signed on it', () => {
    const early = competition().given(
      fact(P, 'ContractSigned', { bidId: 'B1', contractNumber: 'C-1', signedOn: '2025-02-02' }),
    );
    expect(render(early).findings).toEqual([
      expect.objectContaining({
        ruleId: 'erate.allowable-contract-date',
        severity: 'violation',
        message: expect.stringContaining('2025-02-03'),
      }),
    ]);
    const onTime = competition().given(
      fact(P, 'ContractSigned', { bidId: 'B1', contractNumber: 'C-1', signedOn: '2025-02-03' }),
    );
    expect(render(onTime).findings).toEqual([]);
  });

  it('the 28-day wait also bars vendor selection: the day before the allowable contract date is a violation, the day itself and after are not', () => {
    const select = (selectedOn: string) =>
      competition().given(fact(P, 'VendorSelected', { bidId: 'B1', selectedOn, reason: 'Lowest eligible cost' }));
    const early = select('2025-02-02');
    expect(render(early).findings).toEqual([
      {
        ruleId: 'erate.allowable-contract-date',
        ruleSet: 'erate-2025',
        citation: expect.stringContaining('47 CFR § 54.503(c)(4)'),
        severity: 'violation',
        subject: P,
        message:
          'Vendor selected (bid B1) on 2025-02-02, before the allowable contract date 2025-02-03 (Form 470 certified 2025-01-06, + 28 days)',
        sourceEventIds: [early.idOf('BidRequestPosted'), early.idOf('VendorSelected')],
      },
    ]);
    expect(render(select('2025-02-03')).findings).toEqual([]);
    expect(render(select('2025-02-04')).findings).toEqual([]);
  });

  it('a selection and a contract both before the date are two violations', () => {
    const s = competition().given(
      fact(P, 'VendorSelected', { bidId: 'B1', selectedOn: '2025-01-30', reason: 'Lowest eligible cost' }),
      fact(P, 'ContractSigned', { bidId: 'B1', contractNumber: 'C-1', signedOn: '2025-02-01' }),
    );
    expect(render(s).findings.map((f) => [f.ruleId, f.sourceEventIds.at(-1)])).toEqual([
      ['erate.allowable-contract-date', s.idOf('VendorSelected')],
      ['erate.allowable-contract-date', s.idOf('ContractSigned')],
    ]);
  });

  it('judges a Form 470 posted under the 2015 rules by them', () => {
    const s = erateScenario().given(bidRequestPosted(P, {}, { ruleSet: 'erate-fsa-2015' }));
    expect(render(s).ruleSet).toBe('erate-fsa-2015');
  });

  it('has no record for a procurement never posted', () => {
    expect(bidRecordReadModel.render(P, erateScenario().facts)).toBeUndefined();
  });
});
