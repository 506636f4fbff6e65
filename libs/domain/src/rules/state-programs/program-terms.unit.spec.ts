import fc from 'fast-check';
import { usd } from '../../shared/money';
import { fact, type FactToRecord } from '../../../testing/scenario';
import { programDashboardReadModel } from '../../program-dashboard/program-dashboard-read-model';
import { programFindings } from '../../program-dashboard/program-findings';
import { orderViewReadModel } from '../../program-dashboard/order-view-read-model';
import { FoldedFacts } from '../../shared/folded-facts';
import { stateProgramStreams } from '../../state-programs';
import { type ProgramTerms } from '../../program/terms';
import {
  MS,
  MS_TERMS,
  chromebooks,
  hotspots,
  mltiJoinedByMsAndTx,
  msConnectsEstablished,
  newScenario,
  orderPlaced,
  registered,
} from '../../../testing/state-program-fixtures';
import { eligibleTotal, isEligible } from './eligible-items';
import { flatMatchRule } from './flat-match-rule';
import { quoteComparisonRule } from './quote-comparison-rule';

const JACKSON = 'applicant-jackson';
const GULFPORT = 'applicant-gulfport';
const OHIO = 'program-ohio';
const ohioEstablished = (terms: ProgramTerms, establishedOn = '2021-01-04'): FactToRecord =>
  fact(OHIO, 'ProgramEstablished', {
    name: 'Ohio Student Devices',
    usState: 'OH',
    fundingSource: 'State appropriation',
    totalFunds: usd(1_000_000),
    terms,
    establishedOn,
  });
const ohioJoinsMlti = fact('contract-mlti-2020', 'ParticipatingAddendumSigned', {
  usState: 'OH',
  role: 'master-contract',
  signedOn: '2021-01-04',
});
const givenOhio = (terms: ProgramTerms) =>
  newScenario().given(
    ohioEstablished(terms),
    ...mltiJoinedByMsAndTx(),
    ohioJoinsMlti,
    registered(JACKSON, { usState: 'OH' }),
    registered(GULFPORT, { usState: 'OH', name: 'Gulfport' }),
  );
const ohioOrder = (
  id: string,
  lines: Parameters<typeof orderPlaced>[1]['lines'],
  stateShare: number,
  placedOn = '2021-02-01',
  applicant = JACKSON,
) => {
  const total = lines.reduce((t, l) => t + l.quantity * l.unitPrice, 0);
  return orderPlaced(id, { program: OHIO, applicant, lines, stateShare, districtShare: total - stateShare, placedOn });
};
const amend = (terms: ProgramTerms, effectiveFrom: string, program = MS) =>
  fact(program, 'ProgramTermsAmended', { terms, effectiveFrom, reason: 'second round' });
const seventyThirty: ProgramTerms = {
  share: { kind: 'fixed-split', stateMaxPercent: 70, districtMinPercent: 30 },
  interlocalAgreementRequired: false,
};

describe('program terms are facts: each order is judged under the terms in force on its date', () => {
  const JACKSON_MS = JACKSON;
  const givenMs = () => newScenario().given(msConnectsEstablished(), ...mltiJoinedByMsAndTx(), registered(JACKSON_MS));
  // $3,000 of Chromebooks: 80% is $2,400, 70% is $2,100.
  const msOrder = (id: string, placedOn: string, stateShare: number) =>
    orderPlaced(id, {
      program: MS,
      applicant: JACKSON_MS,
      lines: [chromebooks(10)],
      stateShare,
      districtShare: usd(3_000) - stateShare,
      placedOn,
    });

  it('given 80/20 then 70/30 from 2020-09-01, an order on 2020-08-31 is judged 80/20 and one on 2020-09-01 is judged 70/30', () => {
    const s = givenMs().given(
      amend(seventyThirty, '2020-09-01'),
      msOrder('order-a', '2020-08-31', usd(2_400)),
      msOrder('order-b', '2020-09-01', usd(2_400)),
    );

    const d = programDashboardReadModel.render(MS, s.facts);

    expect(
      d?.orders.map((o) => [o.order, o.terms?.version, o.maxStateShare, o.earnedStateShare, o.earnedReason]),
    ).toEqual([
      ['order-a', 1, usd(2_400), usd(2_400), 'terms-met'],
      ['order-b', 2, usd(2_100), 0, 'district-below-minimum'],
    ]);
    expect(d?.terms).toMatchObject({
      version: 2,
      eventId: s.idOf('ProgramTermsAmended'),
      effectiveFrom: '2020-09-01',
      terms: seventyThirty,
    });
    expect(d?.termsVersions.map((v) => v.version)).toEqual([1, 2]);
  });

  it('amending never changes a figure decided under earlier terms: an amendment recorded after an order keeps the order on its terms, even when effective before the order date', () => {
    const s = givenMs().given(msOrder('order-a', '2020-09-15', usd(2_400)));
    const before = orderViewReadModel.render('order-a', s.facts);
    s.given(amend(seventyThirty, '2020-09-01'));

    const after = orderViewReadModel.render('order-a', s.facts);

    expect(before).toMatchObject({
      earnedStateShare: usd(2_400),
      terms: { version: 1, eventId: s.idOf('ProgramEstablished'), effectiveFrom: '2020-07-01' },
    });
    expect(after).toMatchObject({
      earnedStateShare: usd(2_400),
      maxStateShare: usd(2_400),
      terms: { version: 1, eventId: s.idOf('ProgramEstablished') },
    });
    expect(programFindings(MS, s.facts)).toEqual([]);
  });

  it('as-of replay shows the terms that applied: folded up to the order, the order view names terms version 1', () => {
    const s = givenMs().given(
      msOrder('order-a', '2020-08-01', usd(2_400)),
      amend(seventyThirty, '2020-09-01'),
      msOrder('order-b', '2020-09-02', usd(2_100)),
    );
    const past = new FoldedFacts(stateProgramStreams);
    const amendedAt = s.recorded.find((r) => r.type === 'ProgramTermsAmended')!.position;
    for (const e of s.recorded.filter((r) => r.position < amendedAt)) past.apply(e);

    expect(programDashboardReadModel.render(MS, past)?.terms?.version).toBe(1);
    expect(orderViewReadModel.render('order-a', past)?.terms?.version).toBe(1);
    expect(orderViewReadModel.render('order-b', s.facts)).toMatchObject({
      earnedStateShare: usd(2_100),
      terms: { version: 2, effectiveFrom: '2020-09-01' },
    });
  });

  it("an order placed before the program's first terms took effect earns nothing, with a warning", () => {
    const s = givenMs().given(msOrder('order-a', '2020-06-30', usd(2_400)));

    expect(orderViewReadModel.render('order-a', s.facts)).toMatchObject({
      earnedStateShare: 0,
      earnedReason: 'no-terms-in-force',
      terms: null,
    });
    expect(programFindings(MS, s.facts)).toEqual([
      expect.objectContaining({
        ruleId: 'state.share.earned',
        severity: 'warning',
        subject: 'order-a',
        message:
          'Order placed on 2020-06-30, before any terms of Mississippi Connects were in force: no state share is earned',
      }),
    ]);
  });

  it('same day: an order placed on the day the program was established is judged under its terms', () => {
    const s = givenMs().given(msOrder('order-a', '2020-07-01', usd(2_400)));

    expect(orderViewReadModel.render('order-a', s.facts)).toMatchObject({
      earnedStateShare: usd(2_400),
      terms: { version: 1 },
    });
  });
});

describe('caps and eligible items, as a program states them', () => {
  it('a per-order cap of $500 lowers the most the state may pay on a $1,000 order at 70%: $500 earns, $500.01 earns nothing', () => {
    const terms: ProgramTerms = { ...seventyThirty, caps: { perOrder: usd(500) } };
    const s = givenOhio(terms).given(
      ohioOrder('order-1', [chromebooks(5, usd(200))], usd(500)),
      ohioOrder('order-2', [chromebooks(5, usd(200))], usd(500) + 1),
    );

    expect(
      programDashboardReadModel
        .render(OHIO, s.facts)
        ?.orders.map((o) => [o.order, o.maxStateShare, o.minDistrictShare, o.earnedStateShare]),
    ).toEqual([
      ['order-1', usd(500), usd(500), usd(500)],
      ['order-2', usd(500), usd(500), 0],
    ]);
  });

  it('a per-district cap of $1,000 is used up in placement order: the second order may earn only what is left, another district is not affected', () => {
    const terms: ProgramTerms = { ...seventyThirty, caps: { perDistrict: usd(1_000) } };
    const s = givenOhio(terms).given(
      ohioOrder('order-1', [chromebooks(3, usd(300))], usd(630)),
      ohioOrder('order-2', [chromebooks(3, usd(300))], usd(370)),
      ohioOrder('order-3', [chromebooks(3, usd(300))], usd(1)),
      ohioOrder('order-g', [chromebooks(3, usd(300))], usd(630), '2021-02-01', GULFPORT),
    );

    expect(
      programDashboardReadModel
        .render(OHIO, s.facts)
        ?.orders.map((o) => [o.order, o.maxStateShare, o.earnedStateShare, o.earnedReason]),
    ).toEqual([
      ['order-1', usd(630), usd(630), 'terms-met'],
      ['order-2', usd(370), usd(370), 'terms-met'],
      ['order-3', 0, 0, 'district-below-minimum'],
      ['order-g', usd(630), usd(630), 'terms-met'],
    ]);
  });

  it('only eligible lines share: with devices eligible, a $3,000 device line and a $1,000 hotspot line let the state pay 70% of $3,000', () => {
    const terms: ProgramTerms = { ...seventyThirty, eligibleItems: { kinds: ['device'] } };
    const s = givenOhio(terms).given(ohioOrder('order-1', [chromebooks(10), hotspots(10)], usd(2_100)));

    expect(orderViewReadModel.render('order-1', s.facts)).toMatchObject({
      total: usd(4_000),
      maxStateShare: usd(2_100),
      minDistrictShare: usd(1_900),
      earnedStateShare: usd(2_100),
    });
  });

  it('eligibility by item id or by kind; no list means every line', () => {
    const line = chromebooks(1);
    expect(isEligible(line, undefined)).toBe(true);
    expect(isEligible(line, { itemIds: ['chromebook'] })).toBe(true);
    expect(isEligible(line, { itemIds: ['hotspot'] })).toBe(false);
    expect(isEligible(line, { kinds: ['device'] })).toBe(true);
    expect(isEligible(line, { kinds: ['hotspot'] })).toBe(false);
    expect(isEligible(hotspots(1), { itemIds: ['chromebook'], kinds: ['hotspot'] })).toBe(true);
    expect(eligibleTotal([chromebooks(2), hotspots(3)], { kinds: ['hotspot'] })).toBe(usd(300));
  });

  it('a flat match of 50% lets the state pay half the eligible cost, rounded down to the cent', () => {
    expect(flatMatchRule.apply({ eligibleTotal: 1_001 }, { kind: 'flat-match', matchRate: 5_000 })).toEqual({
      stateMatch: 500,
    });
    const s = givenOhio({ share: { kind: 'flat-match', matchRate: 5_000 }, interlocalAgreementRequired: false }).given(
      ohioOrder('order-1', [chromebooks(10)], usd(1_500)),
    );
    expect(orderViewReadModel.render('order-1', s.facts)).toMatchObject({
      maxStateShare: usd(1_500),
      earnedStateShare: usd(1_500),
      earnedReason: 'terms-met',
    });
  });

  it('property: with any caps and eligible items, when the terms are met the earned state share and the district share make up the order total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 100 }),
        fc.option(fc.integer({ min: 0, max: 20_000_00 }), { nil: undefined }),
        fc.boolean(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (devices, hotspotCount, statePercent, perOrder, devicesOnly, fraction) => {
          const terms: ProgramTerms = {
            share: { kind: 'fixed-split', stateMaxPercent: statePercent, districtMinPercent: 100 - statePercent },
            ...(perOrder === undefined ? {} : { caps: { perOrder } }),
            ...(devicesOnly ? { eligibleItems: { kinds: ['device'] } } : {}),
            interlocalAgreementRequired: false,
          };
          const lines = [chromebooks(devices), ...(hotspotCount > 0 ? [hotspots(hotspotCount)] : [])];
          const probe = givenOhio(terms).given(ohioOrder('order-probe', lines, 0));
          const max = orderViewReadModel.render('order-probe', probe.facts)!.maxStateShare!;
          const s = givenOhio(terms).given(ohioOrder('order-1', lines, Math.floor(max * fraction)));
          const view = orderViewReadModel.render('order-1', s.facts)!;
          expect(view.earnedReason).toBe('terms-met');
          expect(view.earnedStateShare + view.districtShare).toBe(view.total);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('quotes count: quoted, ordered and tier prices per line', () => {
  const quote = (unitPrice: number) =>
    fact('order-1', 'QuoteReceived', {
      contract: 'contract-mlti-2020',
      quotedOn: '2021-01-20',
      lines: [chromebooks(10, unitPrice)],
    });

  it('an order priced at its quote and its tier: compared per line, no finding', () => {
    const s = givenOhio(seventyThirty).given(
      quote(usd(300)),
      ohioOrder('order-1', [chromebooks(10, usd(300))], usd(2_100)),
    );

    expect(orderViewReadModel.render('order-1', s.facts)?.quotes).toEqual([
      {
        itemId: 'chromebook',
        quantity: 10,
        orderedUnitPrice: usd(300),
        quotedUnitPrice: usd(300),
        tierUnitPrice: usd(300),
        aboveQuote: 0,
        aboveTier: 0,
      },
    ]);
    expect(programFindings(OHIO, s.facts)).toEqual([]);
  });

  it('an order priced $1 a unit above its quote: $10 over on 10 units, a violation citing the quote and the order', () => {
    const s = givenOhio(seventyThirty).given(
      quote(usd(290)),
      ohioOrder('order-1', [chromebooks(10, usd(291))], usd(2_037)),
    );

    expect(orderViewReadModel.render('order-1', s.facts)?.quotes[0]).toMatchObject({
      quotedUnitPrice: usd(290),
      orderedUnitPrice: usd(291),
      aboveQuote: usd(10),
      aboveTier: 0,
    });
    expect(programFindings(OHIO, s.facts)).toEqual([
      {
        ruleId: 'coop.quote.price-above-quote',
        ruleSet: 'coop-naspo-mlti',
        citation: quoteComparisonRule.citation,
        severity: 'violation',
        message: 'chromebook ordered at $291.00 a unit, above its quote of $290.00: $10.00 over the quote',
        sourceEventIds: [s.idOf('QuoteReceived'), s.idOf('OrderPlaced')],
        subject: 'order-1',
      },
    ]);
  });

  it('an order above its tier but at its quote: the tier finding, not the quote finding', () => {
    const s = givenOhio(seventyThirty).given(
      quote(usd(310)),
      ohioOrder('order-1', [chromebooks(10, usd(310))], usd(2_170)),
    );

    expect(orderViewReadModel.render('order-1', s.facts)?.quotes[0]).toMatchObject({
      aboveQuote: 0,
      aboveTier: usd(100),
    });
    expect(programFindings(OHIO, s.facts).map((f) => f.ruleId)).toEqual(['coop.volume-tier.price-above-tier']);
  });

  it('the latest quote counts; an unquoted line compares with its tier only', () => {
    expect(
      quoteComparisonRule.apply(
        {
          ordered: [chromebooks(2, usd(300)), hotspots(1, usd(120))],
          quoted: [chromebooks(2, usd(280))],
          tiers: [{ itemId: 'chromebook', unitPrice: usd(300), tierUnitPrice: usd(300), overcharge: 0 }],
        },
        null,
      ),
    ).toEqual([
      {
        itemId: 'chromebook',
        quantity: 2,
        orderedUnitPrice: usd(300),
        quotedUnitPrice: usd(280),
        tierUnitPrice: usd(300),
        aboveQuote: usd(40),
        aboveTier: 0,
      },
      {
        itemId: 'hotspot',
        quantity: 1,
        orderedUnitPrice: usd(120),
        quotedUnitPrice: null,
        tierUnitPrice: null,
        aboveQuote: 0,
        aboveTier: 0,
      },
    ]);
    const s = givenOhio(seventyThirty).given(
      quote(usd(250)),
      quote(usd(300)),
      ohioOrder('order-1', [chromebooks(10, usd(300))], usd(2_100)),
    );
    expect(programFindings(OHIO, s.facts)).toEqual([]);
  });

  it('below its quote is no finding', () => {
    const s = givenOhio(seventyThirty).given(
      quote(usd(300)),
      ohioOrder('order-1', [chromebooks(10, usd(299))], usd(2_093)),
    );
    expect(orderViewReadModel.render('order-1', s.facts)?.quotes[0]?.aboveQuote).toBe(0);
    expect(programFindings(OHIO, s.facts)).toEqual([]);
  });
});

describe('MS terms as recorded', () => {
  it("are the seed's 80/20", () => {
    expect(MS_TERMS).toEqual({
      share: { kind: 'fixed-split', stateMaxPercent: 80, districtMinPercent: 20 },
      interlocalAgreementRequired: false,
    });
  });
});
