import SwaggerParser from '@apidevtools/swagger-parser';
import { ledgerStreams } from '@ledger/domain';
import { applicantRegistered, fact, frnDrafted } from '@ledger/domain/testing';
import { type Role } from '@ledger/ledger';
import { captureProcessOutput } from '../support/captured-output';
import { startTestLedger, type TestLedger, type TestResponse } from '../support/ledger-app';
import { lastPosition, postFacts } from '../support/recorded-facts';

// Every route of the API × every kind of caller (docs/architecture.md, "Who uses it"; quality bar "every role ×
// endpoint pair tested"). The matrix is the API as designed; the app's own route table is checked against
// it both ways, so a route added without a row, or a designed route the app does not serve, shows up.

const ROLES: readonly Role[] = ['integration', 'dashboard', 'auditor', 'admin'];
type Method = 'GET' | 'POST' | 'DELETE';

interface Row {
  method: Method;
  /** The route as Fastify registers it. */
  route: string;
  /** Roles that may call it, or 'public' for routes anyone may call without a key. */
  allowed: readonly Role[] | 'public';
  /** A concrete request to the route; allowed callers get a non-401/403 answer to it. */
  url: (fx: Fixture) => string;
  body?: (fx: Fixture) => unknown;
}

interface Fixture {
  stream: () => string;
  applicant: string;
  frn: string;
  program: string;
  position: number;
}

const READERS: readonly Role[] = ['dashboard', 'auditor'];
const id = (stream: string) => stream.slice(stream.indexOf('-') + 1);

const MATRIX: readonly Row[] = [
  // Ingest and raw streams
  {
    method: 'POST',
    route: '/v1/streams/:stream/events',
    allowed: ['integration'],
    url: (fx) => `/v1/streams/${fx.stream()}/events`,
    body: () => ({ events: [applicantRegistered('x')].map(({ type, data }) => ({ type, data })) }),
  },
  { method: 'GET', route: '/v1/streams/:stream', allowed: ['auditor'], url: (fx) => `/v1/streams/${fx.frn}` },
  // Read models
  {
    method: 'GET',
    route: '/v1/funding-requests/:id',
    allowed: READERS,
    url: (fx) => `/v1/funding-requests/${id(fx.frn)}`,
  },
  {
    method: 'GET',
    route: '/v1/funding-requests/:id/compliance',
    allowed: READERS,
    url: (fx) => `/v1/funding-requests/${id(fx.frn)}/compliance`,
  },
  {
    method: 'GET',
    route: '/v1/funding-requests/:id/explain',
    allowed: ['auditor'],
    url: (fx) => `/v1/funding-requests/${id(fx.frn)}/explain`,
  },
  {
    method: 'GET',
    route: '/v1/applicants/:id/compliance',
    allowed: READERS,
    url: (fx) => `/v1/applicants/${id(fx.applicant)}/compliance`,
  },
  {
    method: 'GET',
    route: '/v1/programs/:id/dashboard',
    allowed: READERS,
    url: (fx) => `/v1/programs/${id(fx.program)}/dashboard`,
  },
  {
    method: 'GET',
    route: '/v1/programs/:id/compliance',
    allowed: READERS,
    url: (fx) => `/v1/programs/${id(fx.program)}/compliance`,
  },
  {
    method: 'GET',
    route: '/v1/programs/:id/explain',
    allowed: ['auditor'],
    url: (fx) => `/v1/programs/${id(fx.program)}/explain`,
  },
  { method: 'GET', route: '/v1/orders/:id', allowed: READERS, url: () => '/v1/orders/none-such' },
  { method: 'GET', route: '/v1/orders/:id/explain', allowed: ['auditor'], url: () => '/v1/orders/none-such/explain' },
  { method: 'GET', route: '/v1/assets', allowed: READERS, url: (fx) => `/v1/assets?frn=${id(fx.frn)}` },
  { method: 'GET', route: '/v1/procurements/:id', allowed: READERS, url: () => '/v1/procurements/470-none' },
  // Live (SSE): requests an allowed caller gets an answer to without opening a stream that never ends
  {
    method: 'GET',
    route: '/v1/live/events',
    allowed: READERS,
    url: () => '/v1/live/events?prefix=%20not%20a%20prefix',
  },
  { method: 'GET', route: '/v1/live/programs/:id', allowed: READERS, url: () => '/v1/live/programs/none-such' },
  {
    method: 'GET',
    route: '/v1/live/funding-requests/:id',
    allowed: READERS,
    url: () => '/v1/live/funding-requests/none-such',
  },
  {
    method: 'GET',
    route: '/v1/live/applicants/:id/compliance',
    allowed: READERS,
    url: () => '/v1/live/applicants/none-such/compliance',
  },
  // Audit
  { method: 'GET', route: '/v1/audit/checkpoint', allowed: ['auditor'], url: () => '/v1/audit/checkpoint' },
  {
    method: 'GET',
    route: '/v1/audit/proof/:position',
    allowed: ['auditor'],
    url: (fx) => `/v1/audit/proof/${fx.position}`,
  },
  { method: 'GET', route: '/v1/audit/consistency', allowed: ['auditor'], url: () => '/v1/audit/consistency?from=1' },
  {
    method: 'GET',
    route: '/v1/audit/export',
    allowed: ['auditor'],
    url: (fx) => `/v1/audit/export?scope=frn&id=${id(fx.frn)}`,
  },
  // Administration
  { method: 'GET', route: '/v1/admin/keys', allowed: ['admin'], url: () => '/v1/admin/keys' },
  {
    method: 'POST',
    route: '/v1/admin/keys',
    allowed: ['admin'],
    url: () => '/v1/admin/keys',
    body: () => ({ role: 'dashboard', label: 'auth matrix' }),
  },
  {
    method: 'DELETE',
    route: '/v1/admin/keys/:keyId',
    allowed: ['admin'],
    url: () => '/v1/admin/keys/0000000000000000',
  },
  { method: 'GET', route: '/v1/admin/rebuild', allowed: ['admin'], url: () => '/v1/admin/rebuild' },
  { method: 'POST', route: '/v1/admin/rebuild', allowed: ['admin'], url: () => '/v1/admin/rebuild' },
  {
    method: 'POST',
    route: '/v1/admin/rule-sets',
    allowed: ['admin'],
    url: () => '/v1/admin/rule-sets',
    body: () => ({ id: 'not a set' }),
  },
  // Rule sets
  { method: 'GET', route: '/v1/rule-sets', allowed: ['dashboard', 'auditor', 'admin'], url: () => '/v1/rule-sets' },
  // Public: operations, documentation, the dashboard page
  { method: 'GET', route: '/health', allowed: 'public', url: () => '/health' },
  { method: 'GET', route: '/metrics', allowed: 'public', url: () => '/metrics' },
  { method: 'GET', route: '/docs', allowed: 'public', url: () => '/docs' },
  { method: 'GET', route: '/docs/openapi.json', allowed: 'public', url: () => '/docs/openapi.json' },
  { method: 'GET', route: '/docs-yaml', allowed: 'public', url: () => '/docs-yaml' },
  { method: 'GET', route: '/dashboard', allowed: 'public', url: () => '/dashboard' },
  {
    method: 'GET',
    route: '/dashboard/assets/chart.umd.js',
    allowed: 'public',
    url: () => '/dashboard/assets/chart.umd.js',
  },
  { method: 'GET', route: '/dashboard/assets/:file', allowed: 'public', url: () => '/dashboard/assets/dashboard.js' },
];

/** Swagger UI's own static files (its page, script, licence) sit under /docs/ and are public by construction. */
const SWAGGER_UI_ASSET = /^\/docs\/(?!openapi\.json$)/;

/**
 * The app's routes as Fastify registered them (method and path), from its printed route tree. HEAD is
 * Fastify's automatic twin of GET and is left out.
 */
function servedRoutes(ledger: TestLedger): Set<string> {
  const tree = ledger.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
  const served = new Set<string>();
  const parents: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const path = (parents[depth - 1] ?? '') + match[2]!;
    parents[depth] = path;
    parents.length = depth + 1;
    for (const method of (match[3] ?? '')
      .split(',')
      .map((m) => m.trim())
      .filter((m) => m && m !== 'HEAD'))
      served.add(`${method} ${path}`);
  }
  return served;
}

const rowKey = (row: Row) => `${row.method} ${row.route}`;

describe('acceptance: every role × every route', () => {
  let ledger: TestLedger;
  let fx: Fixture;
  let served: Set<string>;
  const revoked = {} as Record<Role, string>;

  beforeAll(async () => {
    ledger = await startTestLedger();
    served = servedRoutes(ledger);
    let n = 0;
    const posted = await postFacts(ledger, [
      applicantRegistered('applicant-auth-matrix'),
      frnDrafted('frn-auth-matrix', { applicant: 'applicant-auth-matrix' }),
      fact('program-auth-matrix', 'ProgramEstablished', {
        name: 'Mississippi Connects',
        usState: 'MS',
        fundingSource: 'CARES Act',
        totalFunds: 100_000_000,
        terms: {
          share: { kind: 'fixed-split', stateMaxPercent: 80, districtMinPercent: 20 },
          interlocalAgreementRequired: false,
        },
        establishedOn: '2020-07-01',
      }),
    ]);
    fx = {
      stream: () => `applicant-auth-matrix-${++n}`,
      applicant: 'applicant-auth-matrix',
      frn: 'frn-auth-matrix',
      program: 'program-auth-matrix',
      position: lastPosition(posted),
    };
    await ledger.request('GET', `/v1/funding-requests/auth-matrix?minPosition=${fx.position}`, {
      key: ledger.keys.auditor,
    });
    for (const role of ROLES) {
      const issued = await ledger.request('POST', '/v1/admin/keys', {
        key: ledger.keys.admin,
        body: { role, label: `revoked ${role}` },
      });
      const gone = await ledger.request('DELETE', `/v1/admin/keys/${issued.body.keyId}`, {
        key: ledger.keys.admin,
        body: { reason: 'auth matrix' },
      });
      expect(gone.status).toBe(200);
      revoked[role] = issued.body.key;
    }
  });
  afterAll(async () => ledger.close());

  const call = (row: Row, key: string | undefined): Promise<TestResponse> =>
    ledger.request(row.method, row.url(fx), {
      ...(key === undefined ? {} : { key }),
      ...(row.body ? { body: row.body(fx) } : {}),
    });

  it('the app serves no route the matrix does not list', () => {
    const listed = new Set(MATRIX.map(rowKey));
    expect([...served].filter((r) => !listed.has(r) && !SWAGGER_UI_ASSET.test(r.split(' ')[1]!))).toEqual([]);
  });

  /** What a caller met: the status for public routes; for guarded ones, answered / 401 / 403 (or why not). */
  const outcome = (row: Row, res: TestResponse): string | number => {
    if (row.allowed === 'public') return res.status;
    if (res.status === 404 && !served.has(rowKey(row))) return 'route not served (404)';
    if (res.status === 401 || res.status === 403)
      return `${res.status} ${res.headers['content-type']?.toString().includes('application/problem+json') ? 'problem+json' : 'without problem+json'}`;
    return res.status >= 500 ? `server error ${res.status}` : 'answered';
  };

  it.each(
    MATRIX.map((row) => [rowKey(row), row.allowed === 'public' ? 'public' : row.allowed.join(', '), row] as const),
  )('%s (allowed: %s)', async (_, __, row) => {
    const callers: [string, string | undefined][] = [
      ...ROLES.map((role): [string, string] => [role, ledger.keys[role]]),
      ['no key', undefined],
      ['unknown key', `pl_0123456789abcdef_${'A'.repeat(43)}`],
      ['malformed key', 'let-me-in'],
      ...ROLES.map((role): [string, string] => [`revoked ${role} key`, revoked[role]]),
    ];
    const expected = (caller: string): string | number => {
      if (row.allowed === 'public') return 200;
      if (!(ROLES as readonly string[]).includes(caller)) return '401 problem+json';
      return row.allowed.includes(caller as Role) ? 'answered' : '403 problem+json';
    };
    const actual: Record<string, string | number> = {};
    for (const [caller, key] of callers) actual[caller] = outcome(row, await call(row, key));
    expect(actual).toEqual(Object.fromEntries(callers.map(([caller]) => [caller, expected(caller)])));
  });

  it('the key may also come as Authorization: Bearer, and never from the query string', async () => {
    const bearer = await ledger.request('GET', '/v1/admin/keys', {
      headers: { authorization: `Bearer ${ledger.keys.admin}` },
    });
    expect(bearer.status).toBe(200);
    expect(
      (await ledger.request('GET', `/v1/admin/keys?apiKey=${ledger.keys.admin}&key=${ledger.keys.admin}`)).status,
    ).toBe(401);
  });
});

describe('acceptance: keys never appear in the logs', () => {
  it('at LOG_LEVEL=debug, a session of issuing, using, failing with and revoking keys logs no key or secret', async () => {
    const output = captureProcessOutput();
    const keys: string[] = [];
    try {
      const ledger = await startTestLedger({ LOG_LEVEL: 'debug' });
      try {
        keys.push(...Object.values(ledger.keys));
        const issued = await ledger.request('POST', '/v1/admin/keys', {
          key: ledger.keys.admin,
          body: { role: 'integration', label: 'log check', streamPrefix: 'applicant-log-' },
        });
        expect(issued.status).toBe(201);
        keys.push(issued.body.key);
        await postFacts(ledger, [applicantRegistered('applicant-log-1')], issued.body.key);
        expect(
          (
            await ledger.request('GET', '/v1/streams/applicant-log-1', {
              headers: { authorization: `Bearer ${ledger.keys.auditor}` },
            })
          ).status,
        ).toBe(200);
        expect(
          (
            await ledger.request('POST', '/v1/streams/applicant-other-1/events', {
              key: issued.body.key,
              body: { events: [] },
            })
          ).status,
        ).toBeGreaterThanOrEqual(400);
        expect((await ledger.request('GET', '/v1/admin/keys', { key: ledger.keys.dashboard })).status).toBe(403);
        expect(
          (await ledger.request('DELETE', `/v1/admin/keys/${issued.body.keyId}`, { key: ledger.keys.admin })).status,
        ).toBe(200);
        expect((await ledger.request('GET', '/v1/admin/keys', { key: issued.body.key })).status).toBe(401);
        // A malformed JSON body and a server-side problem path still must not echo the headers.
        expect(
          (
            await ledger.request('POST', '/v1/streams/applicant-log-2/events', {
              key: ledger.keys.integration,
              rawBody: '{"events": [',
              headers: { 'content-type': 'application/json' },
            })
          ).status,
        ).toBe(400);
      } finally {
        await ledger.close();
      }
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      output.restore();
    }
    const logs = output.text();
    // The capture really holds the debug-level request logs of this session.
    expect(logs).toContain('/v1/admin/keys');
    expect(logs).toContain('"level":20');
    for (const key of keys) {
      const secret = key.split('_').slice(2).join('_');
      expect(logs).not.toContain(key);
      expect(logs).not.toContain(secret);
    }
  });
});

describe('acceptance: the OpenAPI document', () => {
  let ledger: TestLedger;
  let doc: Record<string, unknown> & {
    openapi: string;
    paths: Record<string, Record<string, unknown>>;
    components?: Record<string, Record<string, unknown>>;
  };
  beforeAll(async () => {
    ledger = await startTestLedger();
    const res = await ledger.request('GET', '/docs/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(async () => ledger.close());

  it('is OpenAPI 3 with info, paths of operations with responses, and the API key scheme', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toEqual(expect.objectContaining({ title: expect.any(String), version: expect.any(String) }));
    expect(Object.keys(doc.paths).length).toBeGreaterThan(0);
    const verbs = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path.startsWith('/')).toBe(true);
      const operations = Object.entries(item).filter(([k]) => verbs.includes(k));
      expect(operations.length).toBeGreaterThan(0);
      for (const [, operation] of operations)
        expect(Object.keys((operation as { responses: object }).responses).length).toBeGreaterThan(0);
      // Every {parameter} of a path is declared as a path parameter.
      for (const name of [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])) {
        for (const [, operation] of operations) {
          expect((operation as { parameters?: { in: string; name: string }[] }).parameters ?? []).toContainEqual(
            expect.objectContaining({ in: 'path', name }),
          );
        }
      }
    }
    expect(doc.components?.securitySchemes?.['api-key']).toEqual(
      expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }),
    );
  });

  it('validates against the OpenAPI 3.0 schema (independent validator, @apidevtools/swagger-parser)', async () => {
    // The validator dereferences in place: give it a copy so the other checks see the document as served.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it('every $ref resolves inside the document', () => {
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node !== null && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === '$ref' && typeof v === 'string') refs.push(v);
          else walk(v);
        }
      }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(0);
    const resolve = (ref: string): unknown =>
      ref
        .slice(2)
        .split('/')
        .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce<unknown>(
          (at, token) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[token] : undefined),
          doc,
        );
    const unresolved = refs.filter((ref) => !ref.startsWith('#/') || resolve(ref) === undefined);
    expect(unresolved).toEqual([]);
  });

  it('documents every served API route (the dashboard page and Swagger UI aside)', () => {
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, item]) =>
        Object.keys(item).map((verb) => `${verb.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`),
      ),
    );
    const api = [...servedRoutes(ledger)].filter((r) => !/ \/(docs|dashboard)\b/.test(r));
    expect(api.filter((r) => !documented.has(r))).toEqual([]);
  });

  it('lists every event type of the catalog as a request example of the append operation, with valid data', () => {
    const append = doc.paths['/v1/streams/{stream}/events']?.post as {
      requestBody: {
        content: Record<
          string,
          { examples?: Record<string, { value: { events: { type: string; data: unknown }[] } }> }
        >;
      };
    };
    const examples = append.requestBody.content['application/json']?.examples ?? {};
    const catalog = ledgerStreams.flatMap((definition) =>
      Object.entries(definition.events).map(([type, spec]) => ({ type, spec })),
    );
    expect(catalog.length).toBeGreaterThan(0);
    expect(Object.keys(examples).sort()).toEqual(catalog.map((e) => e.type).sort());
    for (const { type, spec } of catalog) {
      const [event] = examples[type]!.value.events;
      expect(event!.type).toBe(type);
      expect({ type, errors: spec.validate(event!.data) }).toEqual({ type, errors: [] });
    }
  });
});
