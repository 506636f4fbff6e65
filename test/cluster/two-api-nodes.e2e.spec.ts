import { startEsdbDouble, type EsdbDouble } from '@ledger/event-store/testing';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { need, registered } from '../reliability/support/applicant-facts';
import { waitUntil } from './support/wait-until';

// Two API nodes, each its own app with its own data directory, sharing one EventStoreDB (the gRPC double):
// what one node writes or decides (revisions, keys, idempotency records) holds on the other.
describe.each([true, false])('two API nodes on one EventStoreDB (BatchAppend %s)', (batchAppend) => {
  let esdb: EsdbDouble;
  let a: TestLedger;
  let b: TestLedger;
  beforeAll(async () => {
    esdb = await startEsdbDouble({ batchAppend });
    const env = { EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: esdb.url, ROLE: 'api' };
    [a, b] = await Promise.all([startTestLedger(env), startTestLedger(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await esdb?.close();
  });
  afterEach(() => expect(esdb.unexpected).toEqual([]));

  const append = (
    node: TestLedger,
    stream: string,
    body: unknown,
    options: { key?: string; headers?: Record<string, string> } = {},
  ) =>
    node.request('POST', `/v1/streams/${stream}/events`, {
      key: options.key ?? node.keys.integration,
      body,
      headers: options.headers ?? {},
    });
  const eventsOf = async (node: TestLedger, stream: string) => {
    const res = await node.request('GET', `/v1/streams/${stream}`, { key: node.keys.auditor });
    expect(res.status).toBe(200);
    return res.body.events as { id: string; revision: number; type: string; data: Record<string, unknown> }[];
  };
  const head = async (node: TestLedger): Promise<number> =>
    (await node.request('GET', '/health')).body.info.store.headPosition as number;

  it('the same If-Match on both nodes at once: exactly one 201, the other 412 problem+json, one new event per race', async () => {
    const stream = `applicant-race-${batchAppend}`;
    expect((await append(a, stream, registered())).status).toBe(201);
    const winners: string[] = [];
    for (let revision = 0; revision < 5; revision++) {
      const attempts = [need(`node a, race ${revision}`), need(`node b, race ${revision}`)];
      const responses = await Promise.all(
        [a, b].map((node, i) =>
          append(node, stream, { events: [attempts[i]] }, { headers: { 'if-match': `"${revision}"` } }),
        ),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([201, 412]);
      const won = responses.findIndex((r) => r.status === 201);
      const lost = responses[1 - won]!;
      expect(responses[won]!.body).toMatchObject({ stream, revision: revision + 1, eventIds: [attempts[won]!.id] });
      expect(responses[won]!.headers.etag).toBe(`"${revision + 1}"`);
      expect(lost.headers['content-type']).toContain('application/problem+json');
      expect(lost.body).toMatchObject({
        status: 412,
        stream,
        expectedRevision: revision,
        actualRevision: revision + 1,
      });
      winners.push(attempts[won]!.id);
    }
    // Read through the other node than the first writer: the stream holds the registration and one event per race.
    const events = await eventsOf(b, stream);
    expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(events.slice(1).map((e) => e.id)).toEqual(winners);
  });

  it('a key issued through node A works on node B at once; revoked through A, node B refuses it within its refresh interval', async () => {
    const issued = await a.request('POST', '/v1/admin/keys', {
      key: a.keys.admin,
      body: { role: 'integration', label: 'feed issued on node a' },
    });
    expect(issued.status).toBe(201);
    const stream = `applicant-keyed-on-b-${batchAppend}`;
    const onB = await append(b, stream, registered(), { key: issued.body.key });
    expect(onB.status).toBe(201);
    expect((await eventsOf(a, stream))[0]!.id).toBe(onB.body.eventIds[0]);

    const admin = await a.request('POST', '/v1/admin/keys', {
      key: a.keys.admin,
      body: { role: 'admin', label: 'operator issued on node a' },
    });
    expect(admin.status).toBe(201);
    const listOnB = await b.request('GET', '/v1/admin/keys', { key: admin.body.key });
    expect(listOnB.status).toBe(200);
    expect(listOnB.body.keys.map((k: { keyId: string }) => k.keyId)).toEqual(
      expect.arrayContaining([issued.body.keyId, admin.body.keyId]),
    );
    expect(
      (
        await a.request('DELETE', `/v1/admin/keys/${admin.body.keyId}`, {
          key: a.keys.admin,
          body: { reason: 'operator left' },
        })
      ).status,
    ).toBe(200);
    const refused = await waitUntil(
      'node B refuses the key revoked on node A',
      () => b.request('GET', '/v1/admin/keys', { key: admin.body.key }),
      (r) => r.status !== 200,
      2_000,
    );
    expect(refused.status).toBe(401);
  });

  it('an Idempotency-Key used on node A, replayed on node B: the first response and no second append; another body on B: 409', async () => {
    const issued = await a.request('POST', '/v1/admin/keys', {
      key: a.keys.admin,
      body: { role: 'integration', label: 'idempotent feed' },
    });
    const key = issued.body.key as string;
    const stream = `applicant-idempotent-${batchAppend}`;
    const body = { events: [registered()] };
    const headers = { 'idempotency-key': 'district-erp-batch-17' };
    const first = await append(a, stream, body, { key, headers });
    expect(first.status).toBe(201);
    const headAfterFirst = await head(b);

    const replay = await append(b, stream, body, { key, headers });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.etag).toBe(first.headers.etag);
    expect(replay.headers['idempotent-replayed']).toBe('true');

    const other = await append(b, stream, { events: [registered({ name: 'Another District' })] }, { key, headers });
    expect(other.status).toBe(409);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect(other.body).toMatchObject({ status: 409 });

    expect(await head(a)).toBe(headAfterFirst);
    const events = await eventsOf(b, stream);
    expect(events.map((e) => e.id)).toEqual(first.body.eventIds);
  });

  it('the same idempotent request sent to both nodes at the same moment: both get the one append', async () => {
    const stream = `applicant-idempotent-race-${batchAppend}`;
    const body = { events: [registered()] };
    const headers = { 'idempotency-key': 'district-erp-batch-18' };
    // One client (one key) whose retry reaches the other node while the first try is still in flight.
    const issued = await a.request('POST', '/v1/admin/keys', {
      key: a.keys.admin,
      body: { role: 'integration', label: 'racing feed' },
    });
    const key = issued.body.key as string;
    const [onA, onB] = await Promise.all([
      append(a, stream, body, { key, headers }),
      append(b, stream, body, { key, headers }),
    ]);
    expect([onA.status, onB.status]).toEqual([201, 201]);
    expect(onB.body).toEqual(onA.body);
    expect([onA.headers['idempotent-replayed'], onB.headers['idempotent-replayed']].sort()).toEqual(
      ['true', undefined].sort(),
    );
    expect((await eventsOf(a, stream)).map((e) => e.id)).toEqual(onA.body.eventIds);
  });
});
