import {
  erateFindingsForApplicant,
  ledgerStreams,
  orderViewReadModel,
  programDashboardReadModel,
  renderFundingRequest,
  sum,
  type FrnState,
  type StreamDefinition,
} from '@ledger/domain';
import { Scenario } from '@ledger/domain/testing';
import {
  ERATE_VIOLATIONS,
  SCENARIO_NAMES,
  demoStreams,
  generateScenario,
  InvalidScenarioOptions,
  type ScenarioAppend,
  type ErateVariant,
} from './index';

const definitions: readonly StreamDefinition[] = ledgerStreams;
const SMALL: Record<string, number> = { demo: 1, texas: 0.02, mississippi: 0.05, mlti: 0.05, erate: 0.05 };

const all = (name: string, seed: number, scale = SMALL[name]!): ScenarioAppend[] => [
  ...generateScenario(name, { seed, scale }),
];

function record(appends: Iterable<ScenarioAppend>): Scenario {
  const scenario = new Scenario(definitions);
  for (const a of appends)
    for (const e of a.events) scenario.record({ stream: a.stream, type: e.type, data: e.data, metadata: e.metadata });
  return scenario;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe.each(SCENARIO_NAMES)('scenario %s', (name) => {
  it('gives byte-identical appends for the same seed and different ones for another seed', () => {
    const once = JSON.stringify(all(name, 7));
    expect(JSON.stringify(all(name, 7))).toBe(once);
    const other = all(name, 8);
    expect(JSON.stringify(other)).not.toBe(once);
    const ids = new Set(all(name, 7).flatMap((a) => a.events.map((e) => e.id)));
    expect(other.flatMap((a) => a.events.map((e) => e.id)).some((id) => ids.has(id))).toBe(false);
  });

  it('generates only events the catalog accepts, with unique UUIDs and demo-generator metadata', () => {
    const seen = new Set<string>();
    for (const a of all(name, 1)) {
      const definition = definitions.find((d) => a.stream.startsWith(`${d.prefix}-`));
      expect(definition).toBeDefined();
      for (const e of a.events) {
        const spec = (definition!.events as Record<string, StreamDefinition['events'][string] | undefined>)[e.type];
        expect({ stream: a.stream, type: e.type, known: spec !== undefined }).toEqual({
          stream: a.stream,
          type: e.type,
          known: true,
        });
        expect({ stream: a.stream, type: e.type, errors: spec!.validate(e.data) }).toEqual({
          stream: a.stream,
          type: e.type,
          errors: [],
        });
        expect(e.id).toMatch(UUID);
        expect(seen.has(e.id)).toBe(false);
        seen.add(e.id);
        expect(e.metadata.source).toBe('demo-generator');
        expect(Number.isNaN(Date.parse(e.metadata.occurredAt))).toBe(false);
      }
    }
    expect(seen.size).toBeGreaterThan(20);
  });

  it('records through the deciders without a DomainError, in the order generated', () => {
    expect(() => record(generateScenario(name, { seed: 3, scale: SMALL[name]! }))).not.toThrow();
  });

  it('yields lazily: the first append arrives without generating the rest', () => {
    const iterator = generateScenario(name, { seed: 1, scale: 50 })[Symbol.iterator]();
    const started = Date.now();
    expect(iterator.next().done).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('scenarios side by side', () => {
  it('with one seed, different scenarios write no stream in common, so one ledger can hold them all', () => {
    const owners = new Map<string, string>();
    const shared: string[] = [];
    for (const name of SCENARIO_NAMES) {
      for (const stream of new Set(all(name, 3).map((a) => a.stream))) {
        const owner = owners.get(stream);
        if (owner !== undefined && owner !== name) shared.push(`${stream} (${owner}, ${name})`);
        owners.set(stream, name);
      }
    }
    expect(shared).toEqual([]);
  });
});

describe('scales', () => {
  it('requests exactly the seed figures of Texas at the scale asked: 700,000 devices and 300,000 hotspots at 1', () => {
    let devices = 0;
    let hotspots = 0;
    const leas = new Set<string>();
    for (const a of generateScenario('texas', { seed: 1, scale: 0.1 })) {
      for (const e of a.events) {
        if (e.type === 'ApplicantRegistered') leas.add(a.stream);
        if (e.type === 'NeedEstimated') {
          devices += e.data.devices as number;
          hotspots += e.data.hotspots as number;
        }
      }
    }
    expect({ leas: leas.size, devices, hotspots }).toEqual({ leas: 81, devices: 70_000, hotspots: 30_000 });
  });

  it('refuses unknown scenarios, non-positive scales and bad seeds', () => {
    expect(() => generateScenario('atlantis', { seed: 1, scale: 1 })).toThrow(InvalidScenarioOptions);
    expect(() => generateScenario('texas', { seed: 1, scale: 0 })).toThrow(/scale must be a number greater than 0/);
    expect(() => generateScenario('texas', { seed: 1, scale: -2 })).toThrow(InvalidScenarioOptions);
    expect(() => generateScenario('texas', { seed: -1, scale: 1 })).toThrow(/seed must be a non-negative integer/);
  });
});

const seriousOrViolation = (frn: string, s: Scenario) =>
  (renderFundingRequest(frn, s.facts)?.findings ?? []).filter(
    (f) => f.severity === 'serious' || f.severity === 'violation',
  );

const fy2025Requests = (s: Scenario) => [
  ...new Set(s.recorded.filter((e) => e.stream.startsWith('frn-') && !/-fy\d{4}$/.test(e.stream)).map((e) => e.stream)),
];

describe('E-Rate findings', () => {
  it('gives about one funding request in five a violation, across many different rules', () => {
    const s = record(generateScenario('erate', { seed: 11, scale: 0.2 }));
    const requests = fy2025Requests(s);
    const violating = requests.filter((frn) => seriousOrViolation(frn, s).length > 0);
    const share = violating.length / requests.length;
    expect(requests.length).toBe(100);
    expect(share).toBeGreaterThan(0.12);
    expect(share).toBeLessThan(0.35);
    const rules = new Set(violating.flatMap((frn) => seriousOrViolation(frn, s).map((f) => f.ruleId)));
    expect(rules.size).toBeGreaterThanOrEqual(5);
  });

  it('shows in the demo one clean request and one request per violation, each found by its rule', () => {
    const s = record(generateScenario('demo', { seed: 1, scale: 1 }));
    // Serious violations deny outright, which the 30% rule reports as well.
    const expectedRules: Record<ErateVariant, string[]> = {
      clean: [],
      'provider-donation-earmarked': ['erate.provider-donation', 'erate.30-percent'],
      'grant-not-independent': ['erate.bona-fide-grant', 'erate.30-percent'],
      'subcontractor-donation-tied-to-bid': ['erate.provider-donation', 'erate.30-percent'],
      'ineligible-share-30-percent': ['erate.30-percent'],
      'free-item-not-deducted': ['erate.free-item-deduction'],
      'early-trade-in': ['erate.trade-in'],
      'inflated-eligible-cost': ['erate.inflated-eligible-cost'],
      'unseparated-bundle': ['erate.eligible-cost'],
      'ineligible-line-unidentified': ['erate.ineligible-identification'],
    };
    const pinned: ErateVariant[] = [
      'clean',
      'provider-donation-earmarked',
      'ineligible-share-30-percent',
      'free-item-not-deducted',
      'early-trade-in',
      'inflated-eligible-cost',
      'unseparated-bundle',
      'ineligible-line-unidentified',
      'grant-not-independent',
      'subcontractor-donation-tied-to-bid',
    ];
    const tag = demoStreams(1).erateTag;
    const found = pinned.map((variant, i) => {
      const frn = `frn-${tag}-${String(i + 1).padStart(5, '0')}`;
      return { variant, rules: [...new Set(seriousOrViolation(frn, s).map((f) => f.ruleId))] };
    });
    expect(found).toEqual(pinned.map((variant) => ({ variant, rules: expectedRules[variant] })));
    expect(ERATE_VIOLATIONS.filter((v) => !pinned.includes(v))).toEqual([]);
  });

  it('commits and invoices the clean demo request, with every kind of deduction, and denies the one whose ineligible share is 30% or more', () => {
    const s = record(generateScenario('demo', { seed: 1, scale: 1 }));
    expect(s.facts.state<FrnState>(demoStreams(1).cleanFundingRequest)?.status).toBe('invoiced');
    expect(s.facts.state<FrnState>(demoStreams(1).deniedFundingRequest)?.status).toBe('denied');
    const clean = renderFundingRequest(demoStreams(1).cleanFundingRequest, s.facts)!;
    expect(clean.funding.committed).toBe(clean.fundableCommitment);
    expect(clean.fundableCommitment).toBeGreaterThan(0);
    expect(new Set(clean.deductions.map((d) => d.kind))).toEqual(
      new Set(['price-reduction', 'bundle-discount', 'free-item', 'prompt-payment-discount']),
    );
    expect(clean.nonDiscountShare!.tradeIns).toHaveLength(1);
    expect(clean.nonDiscountShare!.grants).toBeGreaterThan(0);
  });
});

describe('the demo’s Mississippi order below the district minimum ("Play 5", Mississippi Connects: 80% "if the district covers at least 20%")', () => {
  it('the district pays 15%: the order earns $0 of state share, a violation says why, and the program commits nothing for it', () => {
    const s = record(generateScenario('demo', { seed: 1, scale: 1 }));
    const streams = demoStreams(1);
    const order = orderViewReadModel.render(streams.mississippiBelowMinimumOrder, s.facts)!;
    expect(order).toEqual(expect.objectContaining({ earnedStateShare: 0, earnedReason: 'district-below-minimum' }));
    expect(order.findings.map((f) => [f.severity, f.ruleId, f.message])).toEqual([
      [
        'violation',
        'state.fixed-split-cost-share',
        "District share $750.00 of $5,000.00 is below the minimum $1,000.00 (the state may pay at most $4,000.00 under terms version 1, effective 2020-07-01): the state share earned is $0.00 of $4,250.00 until a correcting fact brings the district's share up",
      ],
    ]);
    const program = programDashboardReadModel.render(streams.mississippiProgram, s.facts)!;
    expect(program.orders.find((o) => o.order === streams.mississippiBelowMinimumOrder)).toEqual(
      expect.objectContaining({ stateShare: 425_000, earnedStateShare: 0 }),
    );
    expect(program.funds.committed).toBe(sum(program.orders.map((o) => o.earnedStateShare)));
  });
});

describe('the demo’s district-wide tour (USAC "Calculating Discount Rates", "Category Two Budgets", special-construction state match)', () => {
  it('every school and the library take the district’s 59% (1,017 of 1,723, two CEP schools, one capped), the budget is district-wide, the match fills the special construction to 100%', () => {
    const s = record(generateScenario('demo', { seed: 1, scale: 1 }));
    const tag = demoStreams(1).districtWideTag;
    const sc = renderFundingRequest(demoStreams(1).specialConstructionFundingRequest, s.facts)!;
    expect(sc.discount?.entities[0]).toEqual(
      expect.objectContaining({
        basis: 'district-wide',
        totalStudents: 1_723,
        totalNslp: 1_017,
        nslpPercent: 59,
        locale: 'urban',
        localeBasis: { by: 'schools', rural: 2, of: 4 },
        ratePercent: 80,
      }),
    );
    expect(sc.discount?.entities[0]?.schools.map((x) => [x.countedNslp, x.cepCapped])).toEqual([
      [320, false],
      [300, false],
      [247, true],
      [150, false],
    ]);
    expect(sc.shares).toEqual({
      eligiblePreDiscountCost: 11_200_000,
      erate: 9_960_000,
      stateFunding: 1_000_000,
      applicant: 240_000,
    });
    const school = renderFundingRequest(`frn-${tag}-school-access-points`, s.facts)!;
    expect(school.discount?.entities[0]).toEqual(
      expect.objectContaining({ basis: 'school-of-district', district: `applicant-${tag}-district`, ratePercent: 80 }),
    );
    expect(school.categoryTwoBudget).toEqual(
      expect.objectContaining({
        budget: 28_774_100,
        usedByOtherRequests: 20_000_000,
        remainingAfterThisRequest: 2_774_100,
      }),
    );
    expect(school.categoryTwoBudget?.draws[0]?.budget.totalCount).toEqual(
      expect.objectContaining({
        count: 1_723,
        baseline: expect.objectContaining({ count: 1_700, fundingYear: 2021 }),
        raisedIn: expect.objectContaining({ fundingYear: 2024 }),
      }),
    );
    expect([...sc.findings, ...school.findings].filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('loads the new facts: the committed request’s Form 486 (CIPA certified), notification and invoice, a gift above $20, a FY2026 request under erate-2030', () => {
    const s = record(generateScenario('demo', { seed: 1, scale: 1 }));
    const sc = renderFundingRequest(demoStreams(1).specialConstructionFundingRequest, s.facts)!;
    // Invoices due 120 days after the later of the last day of service (2026-06-30) and the notification (2025-08-20).
    expect(sc.dates).toEqual(
      expect.objectContaining({
        form486FiledOn: '2025-08-01',
        invoiceDueOn: '2026-10-28',
        recordsRetainedUntil: '2036-06-30',
      }),
    );
    expect(sc.funding.committed).toBe(sc.requestedCommitment);
    expect(sc.findings.map((f) => f.ruleId)).not.toContain('erate.cipa-certification');
    expect(sc.findings.map((f) => f.ruleId)).not.toContain('erate.invoice-deadline');
    const fy2026 = renderFundingRequest(demoStreams(1).fy2026FundingRequest, s.facts)!;
    expect(fy2026.ruleSet).toBe('erate-2030');
    expect(fy2026.categoryTwoBudget).toEqual(
      expect.objectContaining({
        budget: 34_730_511,
        basis: `${demoStreams(1).districtWideDistrict}: 1,723 students × $201.57 = $347,305.11`,
      }),
    );
    expect(fy2026.findings.filter((f) => f.ruleId === 'erate.form-471-window')).toEqual([]);
    const gifts = erateFindingsForApplicant(demoStreams(1).districtWideDistrict, s.facts).filter(
      (f) => f.ruleId === 'erate.gift-rules',
    );
    expect(gifts).toEqual([
      expect.objectContaining({
        severity: 'violation',
        ruleSet: 'erate-2025',
        message: expect.stringContaining('Concert tickets worth $35.00 on 2025-02-10: more than $20.00 an item'),
      }),
    ]);
  });
});
