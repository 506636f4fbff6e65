import { fact } from '../../testing/scenario';
import { refusalCode } from '../../testing/refusal-code';
import { bidLine, bidReceived, bidRequestPosted, erateScenario } from '../../testing/erate-fixtures';
import { procurementEvents } from './events';
import { procurementStream } from './stream';

const P = 'procurement-470';

describe('procurement decider', () => {
  it('refuses a bid, evaluation, selection or contract on a bid request never posted', () => {
    const s = erateScenario();
    expect(refusalCode(() => s.record(bidReceived(P, { bidId: 'B1' })))).toBe('procurement-not-posted');
    expect(refusalCode(() => s.record(fact(P, 'VendorSelected', { bidId: 'B1', selectedOn: '2025-02-06' })))).toBe(
      'procurement-not-posted',
    );
    expect(
      refusalCode(() =>
        s.record(fact(P, 'ContractSigned', { bidId: 'B1', contractNumber: 'C', signedOn: '2025-02-06' })),
      ),
    ).toBe('procurement-not-posted');
  });

  it('refuses a second posting, a duplicate bid, and references to bids never received', () => {
    const s = erateScenario().given(bidRequestPosted(P), bidReceived(P, { bidId: 'B1' }));
    expect(refusalCode(() => s.record(bidRequestPosted(P)))).toBe('procurement-already-posted');
    expect(refusalCode(() => s.record(bidReceived(P, { bidId: 'B1' })))).toBe('procurement-bid-duplicate');
    expect(refusalCode(() => s.record(fact(P, 'VendorSelected', { bidId: 'B2', selectedOn: '2025-02-06' })))).toBe(
      'procurement-bid-unknown',
    );
    expect(
      refusalCode(() =>
        s.record(fact(P, 'ContractSigned', { bidId: 'B2', contractNumber: 'C', signedOn: '2025-02-06' })),
      ),
    ).toBe('procurement-bid-unknown');
    expect(
      refusalCode(() =>
        s.record(
          fact(P, 'BidEvaluationRecorded', {
            evaluatedOn: '2025-02-01',
            factors: [{ name: 'Price', weightPercent: 100, isPrice: true }],
            scores: [{ bidId: 'B1', factor: 'Speed', points: 3 }],
          }),
        ),
      ),
    ).toBe('procurement-factor-unknown');
  });

  it('refuses a second contract but records a contract signed too early', () => {
    const s = erateScenario().given(bidRequestPosted(P), bidReceived(P, { bidId: 'B1' }));
    expect(() =>
      s.record(fact(P, 'ContractSigned', { bidId: 'B1', contractNumber: 'C1', signedOn: '2025-01-07' })),
    ).not.toThrow();
    expect(
      refusalCode(() =>
        s.record(fact(P, 'ContractSigned', { bidId: 'B1', contractNumber: 'C2', signedOn: '2025-03-07' })),
      ),
    ).toBe('procurement-contract-duplicate');
  });
});

describe('procurement validators', () => {
  it('every catalog example is valid', () => {
    for (const [type, spec] of Object.entries(procurementStream.events))
      expect([type, spec.validate(spec.example)]).toEqual([type, []]);
  });
  it('name every bad field', () => {
    expect(
      procurementEvents.BidRequestPosted.validate({
        form470Number: '',
        applicant: 'x',
        category: 0,
        servicesRequested: [],
        certifyDate: '6/1/2025',
      })
        .map((e) => e.field)
        .sort(),
    ).toEqual(['applicant', 'category', 'certifyDate', 'form470Number', 'servicesRequested']);
    expect(
      procurementEvents.BidReceived.validate({
        bidId: 'B',
        spin: 'S',
        receivedOn: '2025-01-01',
        lines: [{ ...bidLine(), usualUnitPrice: -5, colour: 'red' }],
      })
        .map((e) => e.field)
        .sort(),
    ).toEqual(['lines[0].colour', 'lines[0].usualUnitPrice']);
  });
  it('a bid too large for exact arithmetic is refused', () => {
    expect(
      procurementEvents.BidReceived.validate({
        bidId: 'B',
        spin: 'S',
        receivedOn: '2025-01-01',
        lines: [bidLine({ quantity: 1_000_000, usualUnitPrice: 1_000_000 })],
      }),
    ).toEqual([{ field: 'lines', message: 'must total at most 900000000000 cents' }]);
  });

  it('evaluation weights must add up to 100', () => {
    const errors = procurementEvents.BidEvaluationRecorded.validate({
      evaluatedOn: '2025-02-01',
      factors: [
        { name: 'Price', weightPercent: 40, isPrice: true },
        { name: 'Fit', weightPercent: 40, isPrice: false },
      ],
      scores: [],
    });
    expect(errors).toEqual([{ field: 'factors', message: 'weights must add up to 100 (they add up to 80)' }]);
  });
});
