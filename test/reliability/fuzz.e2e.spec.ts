import fc from 'fast-check';
import { type EventStore } from '@ledger/event-store';
import { EVENT_STORE } from '../../apps/api/src/ledger/tokens';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { need, profile, registered } from './support/applicant-facts';
import { counts } from './support/reliability-mode';
import { tally } from './support/tally';

const BODY_LIMIT = 16 * 1024;
const REGISTERED = 'applicant-fuzz-registered';

/** One generated request and what must hold for it beyond the invariants every request obeys. */
interface FuzzRequest {
  kind: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** The request is wrong in this field: 400 naming it (errors[].field starts with it). */
  field?: string;
  /** The request can never be a valid append (whatever else it got wrong). */
  mustFail?: boolean;
}

const drafted = {
  applicant: REGISTERED,
  category: 1,
  spin: '143000001',
  procurement: 'procurement-fuzz',
  fundingYear: 2025,
  serviceStartDate: '2025-07-01',
  lines: [
    {
      lineId: 'L1',
      product: 'Internet access',
      eligible: true,
      ancillary: false,
      specificallyRequested: true,
      quantity: 1,
      usualUnitPrice: 10_000,
    },
  ],
};

let serial = 0;
const freshApplicant = () => `applicant-fuzz-${++serial}`;
const json = (body: unknown) => JSON.stringify(body);
const post = (kind: string, stream: string, payload: string, extra: Partial<FuzzRequest> = {}): FuzzRequest => ({
  ...extra,
  kind,
  method: 'POST',
  url: `/v1/streams/${encodeURIComponent(stream)}/events`,
  headers: { 'content-type': 'application/json', ...extra.headers },
  payload,
});

// Values no count, money or flag field accepts.
const notACount = fc.oneof(
  fc.integer({ max: -1 }),
  fc.double({ noInteger: true }),
  fc.constantFrom(1e308, 2 ** 53 + 2, -(2 ** 60)),
  fc.string(),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.nat(), { maxLength: 2 }),
  fc.dictionary(fc.string(), fc.nat(), { maxKeys: 2 }),
);
const negativeMoney = fc.oneof(
  fc.integer({ min: -1e12, max: -1 }),
  fc.double({ max: -0.01, noNaN: true }),
  fc.constantFrom(-1, -0.5, -(2 ** 53)),
);
const notAStateCode = fc.string({ unit: 'binary', maxLength: 6 }).filter((s) => !/^[A-Z]{2}$/.test(s));
const notABoolean = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constantFrom('true', 'false', 0, 1));
const controlText = fc.string({
  unit: fc.constantFrom('\u0000', '\u0007', '\r', '\n', '\u2028', '\uFEFF', '\uD800', '\u202E', 'é', '𝔘', '"', '\\'),
  maxLength: 40,
});

const fieldErrors: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc
    .tuple(fc.constantFrom('students', 'nslpEligibleStudents', 'economicallyDisadvantagedStudents'), notACount)
    .map(([field, value]) =>
      post(
        'wrong type or huge number',
        freshApplicant(),
        json({ events: [{ type: 'ApplicantRegistered', data: { ...profile, [field]: value } }] }),
        { field: `events[0].data.${field}`, mustFail: true },
      ),
    ),
  notAStateCode.map((value) =>
    post('bad state code', freshApplicant(), json(registered({ usState: value })), {
      field: 'events[0].data.usState',
      mustFail: true,
    }),
  ),
  notABoolean.map((value) =>
    post('bad flag', freshApplicant(), json(registered({ cep: value })), {
      field: 'events[0].data.cep',
      mustFail: true,
    }),
  ),
  negativeMoney.map((value) =>
    post(
      'negative money',
      'frn-fuzz-1',
      json({
        type: 'FundingRequestDrafted',
        data: { ...drafted, lines: [{ ...drafted.lines[0], usualUnitPrice: value }] },
      }),
      { field: 'events[0].data.lines[0].usualUnitPrice', mustFail: true },
    ),
  ),
  notACount.map((value) =>
    post(
      'bad need count',
      REGISTERED,
      json({ events: [need('north'), { ...need('south'), data: { ...need('south').data, devices: value } }] }),
      { field: 'events[1].data.devices', mustFail: true },
    ),
  ),
  fc
    .stringMatching(/^[A-Z][A-Za-z0-9]{1,30}$/)
    .filter(
      (t) =>
        ![
          'ApplicantRegistered',
          'ApplicantProfileCorrected',
          'NeedEstimated',
          'ProgramJoined',
          'InterlocalAgreementApproved',
        ].includes(t),
    )
    .map((type) =>
      post('unknown event type', REGISTERED, json({ type, data: {} }), { field: 'events[0].type', mustFail: true }),
    ),
  fc
    .string({ maxLength: 20 })
    .filter((t) => !/^[A-Z][A-Za-z0-9]{1,79}$/.test(t))
    .map((type) =>
      post('malformed event type', REGISTERED, json({ events: [{ type, data: {} }] }), {
        field: 'events[0].type',
        mustFail: true,
      }),
    ),
  fc
    .oneof(
      fc.integer({ max: -1 }),
      fc.double({ noInteger: true }),
      fc.string().filter((s) => !/^\s*(W\/)?"?(\d{1,15}|no_stream|stream_exists|any|\*)"?\s*$/.test(s)),
      fc.constant(null),
      fc.constant({}),
    )
    .map((expectedRevision) =>
      post('bad expectedRevision', REGISTERED, json({ events: [need('east')], expectedRevision }), {
        field: 'expectedRevision',
        mustFail: true,
      }),
    ),
  fc
    .oneof(
      fc.constantFrom('-1', '"-1"', '1e3', '"99999999999999999999"', 'W/', '""', 'abc', '"0", "1"'),
      fc
        .string({ unit: 'grapheme-ascii', minLength: 1 })
        .filter((s) => !/^\s*(W\/)?"?(\d{1,15}|no_stream|stream_exists|any|\*)"?\s*$/.test(s)),
    )
    .map((ifMatch) =>
      post('bad If-Match', REGISTERED, json(need('west')), {
        headers: { 'if-match': ifMatch },
        field: 'If-Match',
        mustFail: true,
      }),
    ),
  fc
    .oneof(
      fc.constant(''),
      fc.string({ minLength: 201, maxLength: 300, unit: 'grapheme-ascii' }),
      fc
        .string({ unit: fc.constantFrom(' ', '\t', 'é', '☃', 'a'), minLength: 1, maxLength: 10 })
        .filter((s) => !/^[\x21-\x7e]{1,200}$/.test(s)),
    )
    .map((key) =>
      post('bad Idempotency-Key', REGISTERED, json(need('west')), {
        headers: { 'idempotency-key': key },
        field: 'Idempotency-Key',
        mustFail: true,
      }),
    ),
);

const malformedBodies: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc.nat({ max: 10_000 }).chain((cut) => {
    const body = json({ events: [need('trunc-a'), need('trunc-b')] });
    return fc.constant(post('truncated body', REGISTERED, body.slice(0, cut % body.length), { mustFail: true }));
  }),
  fc.tuple(fc.integer({ min: 100, max: 20_000 }), fc.boolean()).map(([depth, arrays]) => {
    const nested = arrays
      ? `${'['.repeat(depth)}${']'.repeat(depth)}`
      : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    return post(
      'deeply nested JSON',
      REGISTERED,
      `{"events":[{"type":"NeedEstimated","data":{"area":"deep","devices":1,"hotspots":1,"unconnectedHouseholds":1,"estimatedOn":"2020-05-20","deep":${nested}}}]}`,
      { mustFail: true },
    );
  }),
  fc
    .integer({ min: BODY_LIMIT + 1, max: BODY_LIMIT * 4 })
    .map((size) =>
      post(
        'oversized body',
        REGISTERED,
        json({ events: [{ ...need('big'), data: { ...need('big').data, area: 'x'.repeat(size) } }] }),
        { mustFail: true },
      ),
    ),
  fc
    .constantFrom(
      'text/plain',
      'application/xml',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      'application/octet-stream',
      'text/json',
      'image/png',
    )
    .map((type) =>
      post('wrong content type', REGISTERED, json(need('ct')), { headers: { 'content-type': type }, mustFail: true }),
    ),
  fc.jsonValue().map((value) => post('arbitrary JSON', REGISTERED, json(value))),
  fc
    .anything()
    .map((value) =>
      post('envelope of anything', REGISTERED, json({ events: [{ type: 'NeedEstimated', data: value }] })),
    ),
  fc
    .record({
      type: fc.constant('NeedEstimated'),
      data: fc.record({
        area: controlText,
        devices: fc.nat(),
        hotspots: fc.nat(),
        unconnectedHouseholds: fc.nat(),
        estimatedOn: fc.constant('2020-05-20'),
      }),
    })
    .map((event) => post('unicode and control characters', REGISTERED, json(event))),
  fc
    .string({ unit: 'binary', maxLength: 30 })
    .map((id) => post('odd stream name', `applicant-${id}`, json(registered()))),
  fc.string({ unit: 'binary', maxLength: 30 }).map((id) => post('unknown stream kind', `${id}`, json(registered()))),
);

const headerInjection: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    fc.constantFrom('if-match', 'idempotency-key', 'x-request-id', 'x-api-key', 'content-type'),
    fc.constantFrom('\r\nx-injected: 1', '\nx-injected: 1', '\r\n\r\n{"events":[]}', '\u0000', '0\r\nSet-Cookie: a=b'),
  )
  .map(([header, tail]) =>
    post('header injection', REGISTERED, json(need('inj')), {
      headers: { [header]: `abc${tail}` },
      mustFail: header !== 'x-request-id',
    }),
  );

const reads: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    fc.constantFrom(
      'funding-requests/%s',
      'funding-requests/%s/compliance',
      'funding-requests/%s/explain',
      'applicants/%s/compliance',
      'programs/%s/dashboard',
      'programs/%s/compliance',
      'procurements/%s',
      'assets?frn=%s',
      'streams/%s',
      'audit/proof/%s',
      'audit/consistency?from=%s',
      'audit/export?scope=%s',
      'admin/keys/%s',
    ),
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.constantFrom('', '..', '../..', '%00', '-1', '1e9', '9'.repeat(30), 'fuzz-registered'),
    ),
    fc.oneof(
      fc.constant(''),
      fc.string({ unit: 'binary', maxLength: 20 }).map((s) => `asOf=${encodeURIComponent(s)}`),
      fc.constantFrom(
        'asOf=-1',
        'asOf=2020-13-45',
        'asOf=99999999999999999999',
        'minPosition=abc',
        'minPosition=-3',
        'fromRevision=-1',
        'limit=0',
        'limit=1e9',
        'treeSize=x',
        'to=-1',
      ),
    ),
    fc.constantFrom('auditor', 'dashboard', 'admin', 'integration'),
    fc.constantFrom<FuzzRequest['method']>('GET', 'GET', 'GET', 'DELETE', 'PUT', 'PATCH'),
  )
  .map(([route, id, query, role, method]) => {
    const path = route.replace('%s', encodeURIComponent(id));
    const url = `/v1/${path}${query ? `${path.includes('?') ? '&' : '?'}${query}` : ''}`;
    return { kind: 'bad id or query', method, url, headers: { 'x-role': role } };
  });

const badKeys: fc.Arbitrary<FuzzRequest> = fc
  .oneof(
    fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
    fc.constantFrom('pl_0123456789abcdef_' + 'A'.repeat(43), 'Bearer ', 'pl_', 'null'),
  )
  .map((key) => post('bad API key', REGISTERED, json(need('k')), { headers: { 'x-api-key': key }, mustFail: true }));

const requests = fc.oneof(fieldErrors, malformedBodies, headerInjection, reads, badKeys);

describe(`fuzzing the HTTP API (${counts.fuzzRequests} generated requests)`, () => {
  let ledger: TestLedger;
  let store: EventStore;
  beforeAll(async () => {
    ledger = await startTestLedger({ BODY_LIMIT_BYTES: String(BODY_LIMIT), MAX_EVENTS_PER_APPEND: '20' });
    store = ledger.app.get<EventStore>(EVENT_STORE);
    expect(
      (
        await ledger.request('POST', `/v1/streams/${REGISTERED}/events`, {
          key: ledger.keys.integration,
          body: registered(),
        })
      ).status,
    ).toBe(201);
  });
  afterAll(async () => ledger.close());

  it(
    'answers every request without a 5xx, appends nothing it refuses, and explains every refusal as problem+json naming the field',
    async () => {
      const seen = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(requests, async (req) => {
          const { 'x-role': role, ...given } = req.headers;
          const headers: Record<string, string> = {
            'x-api-key': ledger.keys[(role ?? 'integration') as keyof TestLedger['keys']],
            ...given,
          };
          const before = await store.headPosition();
          let response;
          try {
            response = await ledger.app.inject({
              method: req.method,
              url: req.url,
              headers,
              ...(req.payload === undefined ? {} : { payload: req.payload }),
            });
          } catch (error) {
            // The HTTP client itself refuses a header with CR, LF or NUL: such a request never reaches a server.
            tally('fuzzCases', 1);
            expect({ kind: req.kind, error: (error as { code?: string }).code }).toEqual({
              kind: req.kind,
              error: 'ERR_INVALID_CHAR',
            });
            return;
          }
          const status = response.statusCode;
          seen.set(`${req.kind} ${status}`, (seen.get(`${req.kind} ${status}`) ?? 0) + 1);
          const where = { kind: req.kind, url: req.url, status, body: response.body.slice(0, 300) };
          tally('fuzzCases', 1);
          if (status >= 500) tally('serverErrors', 1);
          expect({ ...where, serverError: status >= 500 }).toEqual({ ...where, serverError: false });
          expect(response.headers['x-injected']).toBeUndefined();
          expect(response.headers['set-cookie']).toBeUndefined();
          expect(String(response.headers['x-request-id'])).toMatch(/^[A-Za-z0-9._:-]{1,100}$/);
          const after = await store.headPosition();
          if (status !== 201) expect({ ...where, appended: after - before }).toEqual({ ...where, appended: 0 });
          if (req.mustFail) expect({ ...where, accepted: status < 400 }).toEqual({ ...where, accepted: false });
          if (status >= 400) {
            expect({ ...where, contentType: String(response.headers['content-type']).split(';')[0] }).toEqual({
              ...where,
              contentType: 'application/problem+json',
            });
            const problem = JSON.parse(response.body) as {
              type: unknown;
              title: unknown;
              status: unknown;
              errors?: { field: unknown; message: unknown }[];
            };
            expect(typeof problem.type).toBe('string');
            expect(typeof problem.title).toBe('string');
            expect(problem.status).toBe(status);
            for (const e of problem.errors ?? [])
              expect(typeof e.field === 'string' && typeof e.message === 'string' && e.message.length > 0).toBe(true);
            if (req.field !== undefined) {
              expect({ ...where, status }).toEqual({ ...where, status: 400 });
              expect({
                ...where,
                fields: (problem.errors ?? []).some((e) => String(e.field).startsWith(req.field!)),
              }).toEqual({ ...where, fields: true });
            }
          }
          if (status === 201) {
            // An accepted append stores exactly the bytes it was given.
            const sent = JSON.parse(req.payload!) as { events?: { data: unknown }[]; data?: unknown };
            const events = sent.events ?? [sent];
            const { positions } = JSON.parse(response.body) as { positions: number[] };
            const stored = [];
            for await (const e of store.readAll({ fromPosition: positions[0]!, maxCount: positions.length }))
              stored.push(e.data);
            expect(stored).toEqual(events.map((e) => e.data));
          }
        }),
        { numRuns: counts.fuzzRequests },
      );
      // The generators reached every kind of request.
      const kinds = new Set([...seen.keys()].map((k) => k.slice(0, k.lastIndexOf(' '))));
      expect(kinds.size).toBeGreaterThanOrEqual(counts.fuzzRequests >= 1000 ? 20 : 10);
    },
    60_000 + counts.fuzzRequests * 30,
  );

  it('refuses an event id already recorded with 409 duplicate-event, and appends nothing of the batch carrying it', async () => {
    const first = need('original');
    expect(
      (await ledger.request('POST', `/v1/streams/${REGISTERED}/events`, { key: ledger.keys.integration, body: first }))
        .status,
    ).toBe(201);
    const before = await store.headPosition();
    const again = await ledger.request('POST', `/v1/streams/${REGISTERED}/events`, {
      key: ledger.keys.integration,
      body: { events: [need('fresh'), { ...need('copy'), id: first.id }] },
    });
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.body).toMatchObject({
      status: 409,
      type: expect.stringMatching(/duplicate-event$/),
      eventId: first.id,
    });
    expect(await store.headPosition()).toBe(before);
  });
});
