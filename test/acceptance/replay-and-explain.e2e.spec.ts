import { ERATE_SOURCES, usd } from '@ledger/domain';
import { applicantRegistered, fact, frnDrafted, frnLine } from '@ledger/domain/testing';
import { startTestLedger, type TestLedger, type TestResponse } from '../support/ledger-app';
import { lastPosition, postFacts, readModel, type PostedFact } from '../support/recorded-facts';

// What an auditor relies on: a funding request exactly as it stood at a past position or instant, judged by
// the rule set in force for it; a decision trace whose every step names its rule, rule set, citation and the
// recorded events (with the positions the appends returned); conditional GETs; clear 404s and 400s.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RawEvent {
  id: string;
  position: number;
  revision: number;
  recordedAt: string;
}

describe('acceptance: replay as of a past point, explain, ETags', () => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await startTestLedger();
  });
  afterAll(async () => ledger.close());

  const auditor = () => ledger.keys.auditor;
  const get = (url: string, headers: Record<string, string> = {}): Promise<TestResponse> =>
    ledger.request('GET', url, { key: auditor(), headers });
  const rawEvents = async (stream: string): Promise<RawEvent[]> => {
    const res = await get(`/v1/streams/${stream}`);
    expect(res.status).toBe(200);
    return res.body.events as RawEvent[];
  };

  /**
   * Ex. 1 of the Free Services Advisory in two steps: a $100 service drafted, then (later, so the two
   * are recorded at different instants) a 20% price reduction.
   */
  const priceReductionHistory = async (name: string) => {
    const applicant = `applicant-replay-${name}`;
    const frn = `frn-replay-${name}`;
    const [registration, draft] = await postFacts(ledger, [
      applicantRegistered(applicant),
      frnDrafted(frn, {
        applicant,
        lines: [frnLine({ lineId: 'L1', product: 'Internet access', usualUnitPrice: usd(100) })],
      }),
    ]);
    await sleep(25);
    const [reduction] = await postFacts(ledger, [
      fact(frn, 'PriceReductionOffered', { description: '20 percent price reduction', rateBasisPoints: 2_000 }),
    ]);
    return { applicant, frn, id: `replay-${name}`, registration: registration!, draft: draft!, reduction: reduction! };
  };

  describe('as of a position', () => {
    it('before the price reduction shows the $100 figures; at and after it, the reduced $80 ones', async () => {
      const h = await priceReductionHistory('position');

      const before = await get(`/v1/funding-requests/${h.id}?asOf=${h.draft.position}`);
      expect(before.status).toBe(200);
      expect(before.body).toMatchObject({
        model: 'funding-request',
        id: h.frn,
        position: h.draft.position,
        asOf: String(h.draft.position),
      });
      expect(before.body.data).toMatchObject({
        position: h.draft.position,
        usualCost: usd(100),
        deductions: [],
        eligiblePreDiscountCost: usd(100),
        requestedCommitment: usd(80),
      });

      const at = await get(`/v1/funding-requests/${h.id}?asOf=${h.reduction.position}`);
      expect(at.status).toBe(200);
      expect(at.body.position).toBe(h.reduction.position);
      expect(at.body.data).toMatchObject({ eligiblePreDiscountCost: usd(80), requestedCommitment: usd(64) });
      expect(at.body.data.deductions).toEqual([
        expect.objectContaining({ kind: 'price-reduction', amount: usd(20), sourceEventId: h.reduction.id }),
      ]);

      const now = await readModel(ledger, `/v1/funding-requests/${h.id}`, h.reduction.position, auditor());
      expect(now.body.data.eligiblePreDiscountCost).toBe(usd(80));
      expect(now.body).not.toHaveProperty('asOf');
    });

    it('before the FRN was drafted there is nothing to show: 404', async () => {
      const h = await priceReductionHistory('before-draft');
      const res = await get(`/v1/funding-requests/${h.id}?asOf=${h.registration.position}`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    });

    it('the same past position always gives the same bytes and ETag, whatever was appended since', async () => {
      const h = await priceReductionHistory('stable');
      const first = await get(`/v1/funding-requests/${h.id}?asOf=${h.draft.position}`);
      const posted = await postFacts(ledger, [
        fact(h.frn, 'PromptPaymentDiscountOffered', { rateBasisPoints: 1_000, withinDays: 30 }),
      ]);
      await readModel(ledger, `/v1/funding-requests/${h.id}`, lastPosition(posted), auditor());
      const again = await get(`/v1/funding-requests/${h.id}?asOf=${h.draft.position}`);
      expect(again.text).toBe(first.text);
      expect(again.headers.etag).toBe(first.headers.etag);
    });
  });

  describe('as of an ISO-8601 instant (the time the ledger recorded each event)', () => {
    it('an instant before the reduction was recorded shows $100; an instant at or after it shows $80', async () => {
      const h = await priceReductionHistory('instant');
      const [draft, reduction] = await rawEvents(h.frn);
      expect(draft!.position).toBe(h.draft.position);
      expect(reduction!.position).toBe(h.reduction.position);
      expect(Date.parse(reduction!.recordedAt)).toBeGreaterThan(Date.parse(draft!.recordedAt));

      // An instant is resolved against the projected log: wait (minPosition) until it holds the appends.
      const asOfInstant = (instant: string) =>
        get(`/v1/funding-requests/${h.id}?asOf=${encodeURIComponent(instant)}&minPosition=${h.reduction.position}`);
      const before = await asOfInstant(draft!.recordedAt);
      expect(before.status).toBe(200);
      expect(before.body).toMatchObject({ position: h.draft.position, asOf: draft!.recordedAt });
      expect(before.body.data.eligiblePreDiscountCost).toBe(usd(100));

      const after = await asOfInstant(reduction!.recordedAt);
      expect(after.status).toBe(200);
      expect(after.body.position).toBe(h.reduction.position);
      expect(after.body.data.eligiblePreDiscountCost).toBe(usd(80));
    });

    it('the same instant written in another time zone replays to the same point', async () => {
      const h = await priceReductionHistory('zone');
      const [draft] = await rawEvents(h.frn);
      const ms = Date.parse(draft!.recordedAt);
      const inChicago = new Date(ms - 6 * 3_600_000).toISOString().replace('Z', '-06:00');
      const utc = await get(
        `/v1/funding-requests/${h.id}?asOf=${encodeURIComponent(draft!.recordedAt)}&minPosition=${h.reduction.position}`,
      );
      const local = await get(
        `/v1/funding-requests/${h.id}?asOf=${encodeURIComponent(inChicago)}&minPosition=${h.reduction.position}`,
      );
      expect(utc.body.position).toBe(h.draft.position);
      expect(local.status).toBe(200);
      expect(local.body.position).toBe(utc.body.position);
      expect(local.body.data).toEqual(utc.body.data);
    });

    it('an instant before the ledger recorded anything about the FRN: 404', async () => {
      const h = await priceReductionHistory('early-instant');
      expect((await get(`/v1/funding-requests/${h.id}?asOf=2015-01-01T00:00:00Z`)).status).toBe(404);
    });
  });

  describe('rule sets: a request is judged by the rule set for its funding year, in replay too', () => {
    // 100 students: erate-fsa-2015 computes no Category 2 budget (its per-school, inflation-adjusted
    // budgets are marked unsupported, and an info finding quotes why); FY2021–2025 (erate-2025) is the
    // $25,000 floor (100 × $167 is less), so a $20,000 request leaves $5,000.
    const categoryTwoRequest = (
      frn: string,
      applicant: string,
      fundingYear: number,
      occurredAt: string,
      ruleSet?: string,
    ) =>
      frnDrafted(
        frn,
        {
          applicant,
          category: 2,
          fundingYear,
          serviceStartDate: `${fundingYear}-07-01`,
          lines: [frnLine({ lineId: 'SW', product: 'Switches', usualUnitPrice: usd(20_000) })],
        },
        { occurredAt, ...(ruleSet ? { ruleSet } : {}) },
      );
    const budgetFindings = (view: { findings: { ruleId: string }[] }) =>
      view.findings.filter((f) => f.ruleId === 'erate.category-two-budget');

    it('an FY2019 FRN is judged by erate-fsa-2015 (no budget, and the finding saying why) as of then and now', async () => {
      const applicant = 'applicant-rules-a';
      const posted = await postFacts(ledger, [
        applicantRegistered(applicant, { students: 100, nslpEligibleStudents: 60 }),
        categoryTwoRequest('frn-rules-2019', applicant, 2019, '2019-03-01T15:00:00Z'),
      ]);
      const draft = posted[1]!;
      // A later fact on the same request, recorded after the rule-set change took effect.
      const later = await postFacts(ledger, [
        fact(
          'frn-rules-2019',
          'FundingRequestSubmitted',
          { form471Number: '191000001', submittedOn: '2019-03-20' },
          { occurredAt: '2019-03-20T15:00:00Z' },
        ),
      ]);

      const replayed = await get(`/v1/funding-requests/rules-2019?asOf=${draft.position}`);
      expect(replayed.status).toBe(200);
      expect(replayed.body.data).toMatchObject({
        ruleSet: 'erate-fsa-2015',
        status: 'drafted',
        categoryTwoBudget: null,
      });
      expect(budgetFindings(replayed.body.data)).toEqual([
        expect.objectContaining({
          ruleSet: 'erate-fsa-2015',
          severity: 'info',
          message: expect.stringContaining('No Category 2 budget is computed under erate-fsa-2015'),
          sourceEventIds: [draft.id],
        }),
      ]);

      const now = await readModel(ledger, '/v1/funding-requests/rules-2019', lastPosition(later), auditor());
      expect(now.body.data).toMatchObject({ ruleSet: 'erate-fsa-2015', status: 'submitted', categoryTwoBudget: null });
      expect(budgetFindings(now.body.data)).toHaveLength(1);
    });

    it('the same request for FY2025 is judged by erate-2025: $25,000 budget, $5,000 left, no finding', async () => {
      const applicant = 'applicant-rules-b';
      const posted = await postFacts(ledger, [
        applicantRegistered(applicant, { students: 100, nslpEligibleStudents: 60 }),
        categoryTwoRequest('frn-rules-2025', applicant, 2025, '2025-02-03T15:00:00Z'),
      ]);
      const view = (await get(`/v1/funding-requests/rules-2025?asOf=${lastPosition(posted)}`)).body.data;
      expect(view).toMatchObject({
        ruleSet: 'erate-2025',
        categoryTwoBudget: {
          budget: usd(25_000),
          cycle: { firstFundingYear: 2021, lastFundingYear: 2025 },
          remainingAfterThisRequest: usd(5_000),
        },
      });
      expect(budgetFindings(view)).toEqual([]);
    });

    it('metadata.ruleSet names the rule set outright, whatever the date', async () => {
      const applicant = 'applicant-rules-c';
      const posted = await postFacts(ledger, [
        applicantRegistered(applicant, { students: 100, nslpEligibleStudents: 60 }),
        categoryTwoRequest('frn-rules-named', applicant, 2019, '2025-02-03T15:00:00Z', 'erate-fsa-2015'),
      ]);
      const view = (await readModel(ledger, '/v1/funding-requests/rules-named', lastPosition(posted), auditor())).body
        .data;
      expect(view).toMatchObject({ ruleSet: 'erate-fsa-2015', categoryTwoBudget: null });
      const explained = await get('/v1/funding-requests/rules-named/explain');
      expect(explained.body.ruleSet).toBe('erate-fsa-2015');
      expect(explained.body.steps.every((s: { ruleSet: string }) => s.ruleSet === 'erate-fsa-2015')).toBe(true);
    });
  });

  describe('explain', () => {
    type Source = { id: string; stream: string; revision: number; position: number; type: string };
    type Step = {
      step: string;
      ruleId: string;
      ruleSet: string;
      citation: string;
      values: Record<string, unknown>;
      sources: Source[];
      sourceEventIds: string[];
    };
    const sourceOf = (p: PostedFact): Source => ({
      id: p.id,
      stream: p.stream,
      revision: p.revision,
      position: p.position,
      type: p.type,
    });
    const stepNamed = (steps: Step[], name: string): Step => {
      const found = steps.find((s) => s.step === name);
      if (!found) throw new Error(`no ${name} step in ${steps.map((s) => s.step).join(', ')}`);
      return found;
    };

    it('every step names its rule, rule set and citation, and its source events carry the positions the appends returned', async () => {
      const h = await priceReductionHistory('explain');
      await readModel(ledger, `/v1/funding-requests/${h.id}`, h.reduction.position, auditor());

      const res = await get(`/v1/funding-requests/${h.id}/explain`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ frn: h.frn, ruleSet: 'erate-2025', status: 'drafted' });
      expect(res.body.position).toBeGreaterThanOrEqual(h.reduction.position);
      const steps = res.body.steps as Step[];
      expect(steps.map((s) => s.step)).toEqual(
        expect.arrayContaining([
          'usual-cost',
          'deduction:price-reduction',
          'eligible-cost',
          '30-percent-rule',
          'discount-rate',
          'commitment',
        ]),
      );
      for (const step of steps) {
        expect(step).toEqual(
          expect.objectContaining({
            ruleId: expect.stringMatching(/^erate\./),
            ruleSet: 'erate-2025',
            citation: expect.stringMatching(/\S/),
          }),
        );
        expect(step.sources.map((s) => s.id)).toEqual(step.sourceEventIds);
      }

      expect(stepNamed(steps, 'usual-cost').sources).toEqual([sourceOf(h.draft)]);
      expect(stepNamed(steps, 'deduction:price-reduction')).toMatchObject({
        ruleId: 'erate.pre-discount-cost',
        values: { amount: usd(20) },
        sources: [sourceOf(h.reduction)],
      });
      expect(stepNamed(steps, 'deduction:price-reduction').citation).toBe(
        `${ERATE_SOURCES.freeServicesAdvisory}, "Basic Principles"; Examples 1, 2, 3 and 5`,
      );
      expect(stepNamed(steps, 'discount-rate').sources).toEqual([sourceOf(h.registration)]);
      expect(stepNamed(steps, 'commitment').values).toMatchObject({
        eligible: usd(80),
        ratePercent: 80,
        requestedCommitment: usd(64),
      });
      expect(stepNamed(steps, '30-percent-rule').sources).toEqual([sourceOf(h.draft), sourceOf(h.reduction)]);
      for (const finding of res.body.findings as {
        ruleId: string;
        ruleSet: string;
        citation: string;
        sources: Source[];
        sourceEventIds: string[];
      }[]) {
        expect(finding).toEqual(
          expect.objectContaining({
            ruleId: expect.any(String),
            ruleSet: 'erate-2025',
            citation: expect.stringMatching(/\S/),
          }),
        );
        expect(finding.sources.map((s) => s.id)).toEqual(finding.sourceEventIds);
      }
    });

    it('as of a position before the reduction, the trace has no deduction and no source after that position', async () => {
      const h = await priceReductionHistory('explain-past');
      const res = await get(`/v1/funding-requests/${h.id}/explain?asOf=${h.draft.position}`);
      expect(res.status).toBe(200);
      expect(res.body.position).toBe(h.draft.position);
      const steps = res.body.steps as Step[];
      expect(steps.some((s) => s.step.startsWith('deduction:'))).toBe(false);
      expect(stepNamed(steps, 'commitment').values).toMatchObject({ eligible: usd(100), requestedCommitment: usd(80) });
      expect(steps.flatMap((s) => s.sources).every((s) => s.position <= h.draft.position)).toBe(true);
    });

    it('404 for an FRN the ledger has never seen', async () => {
      const res = await get('/v1/funding-requests/never-drafted-0001/explain');
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    });
  });

  describe('ETag and the position each model reflects', () => {
    it('If-None-Match with the current ETag is 304 with no body; a changed model has a new ETag', async () => {
      const h = await priceReductionHistory('etag');
      const first = await readModel(ledger, `/v1/funding-requests/${h.id}`, h.reduction.position, auditor());
      expect(first.status).toBe(200);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[^"]+"$/);
      expect(first.headers['cache-control']).toBe('no-cache');

      const unchanged = await get(`/v1/funding-requests/${h.id}`, { 'if-none-match': etag });
      expect(unchanged.status).toBe(304);
      expect(unchanged.text).toBe('');
      expect(unchanged.headers.etag).toBe(etag);
      expect((await get(`/v1/funding-requests/${h.id}`, { 'if-none-match': `"something-else", ${etag}` })).status).toBe(
        304,
      );
      expect((await get(`/v1/funding-requests/${h.id}`, { 'if-none-match': '"something-else"' })).status).toBe(200);

      const more = await postFacts(ledger, [
        fact(h.frn, 'PromptPaymentDiscountOffered', { rateBasisPoints: 1_000, withinDays: 30 }),
      ]);
      const changed = await readModel(ledger, `/v1/funding-requests/${h.id}`, lastPosition(more), auditor(), {
        'if-none-match': etag,
      });
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
      expect(changed.body.data.eligiblePreDiscountCost).toBe(usd(72));
      expect(
        (await get(`/v1/funding-requests/${h.id}`, { 'if-none-match': changed.headers.etag as string })).status,
      ).toBe(304);
    });

    it('every read model says the position it reflects, in the body and the X-Ledger-Position header', async () => {
      const h = await priceReductionHistory('position-header');
      for (const path of [
        `/v1/funding-requests/${h.id}`,
        `/v1/funding-requests/${h.id}/compliance`,
        `/v1/applicants/replay-position-header/compliance`,
      ]) {
        const res = await readModel(ledger, path, h.reduction.position, auditor());
        expect(res.status).toBe(200);
        expect(res.body.position).toBeGreaterThanOrEqual(h.reduction.position);
        expect(res.headers['x-ledger-position']).toBe(String(res.body.position));
      }
      const past = await get(`/v1/funding-requests/${h.id}?asOf=${h.draft.position}`);
      expect(past.headers['x-ledger-position']).toBe(String(h.draft.position));
    });
  });

  describe('bad requests', () => {
    it('404 problem+json for an unknown FRN, with and without asOf', async () => {
      for (const url of [
        '/v1/funding-requests/2099-9999',
        '/v1/funding-requests/2099-9999?asOf=0',
        '/v1/funding-requests/2099-9999/compliance',
      ]) {
        const res = await get(url);
        expect(res.status).toBe(404);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body.detail).toBeTruthy();
      }
    });

    it.each([
      ['a word', 'yesterday'],
      ['a date without a time', '2025-06-30'],
      ['an instant without a zone', '2025-06-30T23:59:59'],
      ['an impossible date', '2025-13-45T00:00:00Z'],
      ['a negative position', '-1'],
      ['a fractional position', '1.5'],
      ['a position beyond the newest', '999999999'],
    ])('400 naming asOf for %s', async (_, asOf) => {
      const h = await priceReductionHistory(`bad-asof-${asOf.replace(/[^A-Za-z0-9]/g, '')}`);
      for (const url of [
        `/v1/funding-requests/${h.id}?asOf=${encodeURIComponent(asOf)}`,
        `/v1/funding-requests/${h.id}/explain?asOf=${encodeURIComponent(asOf)}`,
      ]) {
        const res = await get(url);
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'asOf' })]);
      }
    });

    it('400 naming minPosition for a position that is not a number', async () => {
      const res = await get('/v1/funding-requests/2099-9999?minPosition=soon');
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'minPosition' })]);
    });
  });
});
