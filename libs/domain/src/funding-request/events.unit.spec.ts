import { frnEvents } from './events';
import { fundingRequestStream } from './stream';

const fields = (errors: { field: string }[]) => errors.map((e) => e.field).sort();

describe('FRN event validators', () => {
  it('every catalog example is valid', () => {
    for (const [type, spec] of Object.entries(fundingRequestStream.events))
      expect([type, spec.validate(spec.example)]).toEqual([type, []]);
  });

  it('name every bad field of a draft, down to the line', () => {
    const errors = frnEvents.FundingRequestDrafted.validate({
      applicant: 'lea-12',
      category: 3,
      spin: '',
      procurement: 'procurement-',
      fundingYear: 1990,
      serviceStartDate: '2025-02-30',
      extra: true,
      lines: [
        {
          lineId: 'L1',
          product: 'x',
          eligible: 'yes',
          ancillary: false,
          specificallyRequested: false,
          quantity: 0,
          usualUnitPrice: 1.5,
        },
      ],
    });
    expect(fields(errors)).toEqual(
      [
        'applicant',
        'category',
        'extra',
        'fundingYear',
        'lines[0].eligible',
        'lines[0].quantity',
        'lines[0].usualUnitPrice',
        'procurement',
        'serviceStartDate',
        'spin',
      ].sort(),
    );
  });

  it('rejects repeated line ids', () => {
    const line = {
      lineId: 'L1',
      product: 'x',
      eligible: true,
      ancillary: false,
      specificallyRequested: false,
      quantity: 1,
      usualUnitPrice: 1,
    };
    const example = fundingRequestStream.events.FundingRequestDrafted.example;
    expect(fields(frnEvents.FundingRequestDrafted.validate({ ...example, lines: [line, line] }))).toEqual([
      'lines[1].lineId',
    ]);
  });

  it('refuses requests too large for exact arithmetic', () => {
    const example = fundingRequestStream.events.FundingRequestDrafted.example;
    const huge = {
      lineId: 'L1',
      product: 'x',
      eligible: true,
      ancillary: false,
      specificallyRequested: false,
      quantity: 1_000_000,
      usualUnitPrice: 1_000_000,
    };
    expect(frnEvents.FundingRequestDrafted.validate({ ...example, lines: [huge] })).toEqual([
      { field: 'lines', message: 'must total at most 900000000000 cents' },
    ]);
    expect(
      fields(frnEvents.FundingRequestLineCorrected.validate({ correctsEventId: 'e', reason: 'r', line: huge })),
    ).toEqual(['line']);
    expect(
      fields(frnEvents.FundingRequestDrafted.validate({ ...example, singleBundlePrice: 900_000_000_001 })),
    ).toEqual(['singleBundlePrice']);
  });

  it('a price reduction gives an amount or a rate, not both and not neither', () => {
    expect(
      fields(frnEvents.PriceReductionOffered.validate({ description: 'd', amount: 1, rateBasisPoints: 10 })),
    ).toEqual(['amount']);
    expect(fields(frnEvents.PriceReductionOffered.validate({ description: 'd' }))).toEqual(['amount']);
    expect(fields(frnEvents.PriceReductionOffered.validate({ description: 'd', rateBasisPoints: 10_001 }))).toEqual([
      'rateBasisPoints',
    ]);
  });

  it('a free item names its treatment from the list', () => {
    expect(
      fields(
        frnEvents.FreeItemOffered.validate({
          description: 'd',
          quantity: 1,
          fairMarketValue: -1,
          tiedToPurchase: true,
          treatment: 'ignore',
        }),
      ),
    ).toEqual(['fairMarketValue', 'treatment']);
  });

  it('a non-object is one clear error', () => {
    expect(frnEvents.FundingCommitted.validate(null)).toEqual([{ field: '(data)', message: 'must be an object' }]);
    expect(frnEvents.PriceReductionOffered.validate('x')).toEqual([{ field: '(data)', message: 'must be an object' }]);
  });
});
