import { applicantStream } from '@ledger/domain';
import { StoreUnavailable, type EventStore } from '@ledger/event-store';
import { IdempotencyRecords } from '@ledger/ledger';
import { EVENT_STORE } from '../../apps/api/src/ledger/tokens';
import { startTestLedger, type TestLedger } from '../support/ledger-app';

/** The catalog's own example of a registration (Houston ISD). */
const houston = applicantStream.events.ApplicantRegistered.example;
const registered = (overrides: Record<string, unknown> = {}) => ({
  type: 'ApplicantRegistered',
  data: { ...houston, ...overrides },
});
const need = (area: string, devices = 10) => ({
  type: 'NeedEstimated',
  data: { area, devices, hotspots: 2, unconnectedHouseholds: 1, estimatedOn: '2020-05-20' },
});

describe('ingest: POST /v1/streams/:stream/events', () => {
  let ledger: TestLedger;
  let n = 0;
  const fresh = (): string => `applicant-e2e-${++n}`;
  beforeAll(async () => {
    ledger = await startTestLedger({ BODY_LIMIT_BYTES: '65536', MAX_EVENTS_PER_APPEND: '50' });
  });
  afterAll(async () => ledger.close());
  const post = (stream: string, body: unknown, headers: Record<string, string> = {}, key = ledger.keys.integration) =>
    ledger.request('POST', `/v1/streams/${stream}/events`, { key, body, headers });

  it('appends one event: 201 with revision, positions, ETag and Location', async () => {
    const stream = fresh();
    const res = await post(stream, { events: [registered()] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ stream, revision: 0 });
    expect(res.body.positions).toHaveLength(1);
    expect(res.headers.etag).toBe('"0"');
    expect(res.headers.location).toBe(`/v1/streams/${stream}`);
    const raw = await ledger.request('GET', `/v1/streams/${stream}`, { key: ledger.keys.auditor });
    expect(raw.body.events[0]).toMatchObject({
      type: 'ApplicantRegistered',
      revision: 0,
      position: res.body.positions[0],
      data: houston,
    });
    expect(raw.body.events[0].metadata).toMatchObject({ schemaVersion: 1 });
  });

  it('accepts a bare single event as well as a list', async () => {
    const res = await post(fresh(), registered());
    expect(res.status).toBe(201);
  });

  it('appends a batch atomically with consecutive revisions and increasing positions', async () => {
    const stream = fresh();
    const res = await post(stream, { events: [registered(), need('north'), need('south')] });
    expect(res.status).toBe(201);
    expect(res.body.revision).toBe(2);
    const [a, b, c] = res.body.positions as number[];
    expect(a! < b! && b! < c!).toBe(true);
  });

  it('a batch where event 3 of 5 is invalid appends nothing, and names the field', async () => {
    const stream = fresh();
    const bad = {
      type: 'NeedEstimated',
      data: { area: 'east', devices: -4, hotspots: 2, unconnectedHouseholds: 1, estimatedOn: '2020-05-20' },
    };
    const res = await post(stream, { events: [registered(), need('north'), bad, need('west'), need('south')] });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'events[2].data.devices' })]);
    const raw = await ledger.request('GET', `/v1/streams/${stream}`, { key: ledger.keys.auditor });
    expect(raw.status).toBe(404);
  });

  it('400 lists every invalid field with a reason', async () => {
    const res = await post(fresh(), {
      events: [{ type: 'ApplicantRegistered', data: { ...houston, students: 'many', locale: 'suburban', extra: 1 } }],
    });
    expect(res.status).toBe(400);
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['events[0].data.extra', 'events[0].data.locale', 'events[0].data.students']);
  });

  it('400 for unknown event types, unknown envelope fields and bad metadata', async () => {
    const unknownType = await post(fresh(), { events: [{ type: 'LaptopsTeleported', data: {} }] });
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.errors[0].field).toBe('events[0].type');
    const unknownField = await post(fresh(), { events: [registered()], surprise: true });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors[0].field).toBe('surprise');
    const badMetadata = await post(fresh(), { events: [{ ...registered(), metadata: { occurredAt: 'yesterday' } }] });
    expect(badMetadata.status).toBe(400);
    expect(badMetadata.body.errors[0].field).toBe('events[0].metadata.occurredAt');
  });

  it('400 for malformed JSON', async () => {
    const res = await ledger.request('POST', `/v1/streams/${fresh()}/events`, {
      key: ledger.keys.integration,
      rawBody: '{"events": [',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('401 without a key or with an unknown key, 403 for the wrong role', async () => {
    expect((await post(fresh(), registered(), {}, '')).status).toBe(401);
    expect((await post(fresh(), registered(), {}, 'pl_0123456789abcdef_' + 'A'.repeat(43))).status).toBe(401);
    const forbidden = await post(fresh(), registered(), {}, ledger.keys.dashboard);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.title).toBeDefined();
  });

  it('takes a stream name of up to 200 characters and reads it back; a longer one is 400 naming the stream', async () => {
    const longest = `applicant-${'a'.repeat(190)}`;
    expect((await post(longest, registered())).status).toBe(201);
    expect(
      (await ledger.request('GET', `/v1/streams/${longest}`, { key: ledger.keys.auditor })).body.events,
    ).toHaveLength(1);
    expect(
      (await ledger.request('GET', `/v1/applicants/${'a'.repeat(190)}/compliance`, { key: ledger.keys.dashboard }))
        .status,
    ).not.toBe(414);
    const tooLong = await post(`${longest}a`, registered());
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ field: 'stream' })]);
  });

  it('404 for a stream kind the ledger does not know', async () => {
    const res = await post('spaceship-1', registered());
    expect(res.status).toBe(404);
    expect(res.body.detail).toContain('applicant');
  });

  it('the same batch twice with one idempotency key is one append; another body with that key is 409', async () => {
    const stream = fresh();
    const body = { events: [registered(), need('north')] };
    const first = await post(stream, body, { 'idempotency-key': 'batch-0001' });
    const second = await post(stream, body, { 'idempotency-key': 'batch-0001' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const raw = await ledger.request('GET', `/v1/streams/${stream}`, { key: ledger.keys.auditor });
    expect(raw.body.events).toHaveLength(2);
    const other = await post(stream, { events: [need('south')] }, { 'idempotency-key': 'batch-0001' });
    expect(other.status).toBe(409);
  });

  it('the same idempotent request sent five times at once is one append, and every try gets its response', async () => {
    const stream = fresh();
    await post(stream, registered());
    const body = { events: [need('north'), need('south')] };
    const tries = await Promise.all(
      Array.from({ length: 5 }, () => post(stream, body, { 'idempotency-key': 'erp-sync-42' })),
    );
    expect(tries.map((t) => t.status)).toEqual([201, 201, 201, 201, 201]);
    for (const t of tries) expect(t.body).toEqual(tries[0]!.body);
    expect(tries.filter((t) => t.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
    const raw = await ledger.request('GET', `/v1/streams/${stream}`, { key: ledger.keys.auditor });
    expect(raw.body.events.map((e: { id: string }) => e.id)).toEqual([
      raw.body.events[0].id,
      ...tries[0]!.body.eventIds,
    ]);
  });

  /** The next `record` of an idempotent response fails, as a crash between the append and its record would. */
  const cutOffOnce = (): void => {
    jest
      .spyOn(ledger.app.get(IdempotencyRecords), 'record')
      .mockRejectedValueOnce(new StoreUnavailable('cut off after the append'));
  };
  afterEach(() => jest.restoreAllMocks());

  it('a retry of an append that was stored but never answered (cut off before its idempotency record) gets the stored append, not a refusal', async () => {
    const stream = fresh();
    const body = { events: [registered(), need('east')] };
    const store = ledger.app.get<EventStore>(EVENT_STORE);
    cutOffOnce();
    const cut = await post(stream, body, { 'idempotency-key': 'cut-off-7' });
    expect(cut.status).toBe(503);
    const stored = await store.readStream(stream);
    expect(stored).toHaveLength(2);

    const retry = await post(stream, body, { 'idempotency-key': 'cut-off-7' });
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual({
      stream,
      revision: 1,
      positions: stored.map((e) => e.position),
      eventIds: stored.map((e) => e.id),
    });
    expect(await store.streamRevision(stream)).toBe(1);
    // The response is now recorded: the next retry is answered from the record.
    expect((await post(stream, body, { 'idempotency-key': 'cut-off-7' })).body).toEqual(retry.body);
  });

  it('after a cut-off try, another body under the same key is not taken for it, and the stored request still gets its answer', async () => {
    const stream = fresh();
    const body = { events: [registered(), need('east'), need('west')] };
    cutOffOnce();
    expect((await post(stream, body, { 'idempotency-key': 'cut-off-8' })).status).toBe(503);
    // A subset of the stored events, under the same key: another request, refused as such, not replayed as the stored
    // append.
    const subset = await post(stream, { events: [registered()] }, { 'idempotency-key': 'cut-off-8' });
    expect(subset.status).toBe(409);
    expect(subset.body.type).toMatch(/idempotency-key-reused$/);
    expect(subset.headers['idempotent-replayed']).toBeUndefined();
    const retry = await post(stream, body, { 'idempotency-key': 'cut-off-8' });
    expect(retry.status).toBe(201);
    expect(retry.body.eventIds).toHaveLength(3);
  });

  it('a cut-off try is found again after more than a thousand later events on its stream', async () => {
    const stream = fresh();
    const body = { events: [registered()] };
    cutOffOnce();
    expect((await post(stream, body, { 'idempotency-key': 'cut-off-9' })).status).toBe(503);
    const store = ledger.app.get<EventStore>(EVENT_STORE);
    for (let i = 0; i < 11; i++) {
      await store.append(
        stream,
        Array.from({ length: 100 }, (_, j) => ({
          type: 'NeedEstimated',
          data: need(`area-${i}-${j}`).data,
          metadata: { schemaVersion: 1 },
        })),
      );
    }
    const retry = await post(stream, body, { 'idempotency-key': 'cut-off-9' });
    expect(retry.status).toBe(201);
    expect(retry.body.revision).toBe(0);
  });

  it('two clients racing with the same expected revision: exactly one 201, the other 412, nothing lost', async () => {
    const stream = fresh();
    await post(stream, registered());
    const [a, b] = await Promise.all([
      post(stream, need('north'), { 'if-match': '"0"' }),
      post(stream, need('south'), { 'if-match': '"0"' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 412]);
    const loser = a.status === 412 ? a : b;
    expect(loser.body).toMatchObject({ expectedRevision: 0, actualRevision: 1 });
    const raw = await ledger.request('GET', `/v1/streams/${stream}`, { key: ledger.keys.auditor });
    expect(raw.body.events).toHaveLength(2);
  });

  it('concurrent appends without an expected revision all land, revisions gap-free', async () => {
    const stream = fresh();
    await post(stream, registered());
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => post(stream, need(`zone-${i}`))));
    expect(results.every((r) => r.status === 201)).toBe(true);
    const raw = await ledger.request('GET', `/v1/streams/${stream}`, { key: ledger.keys.auditor });
    expect(raw.body.events.map((e: { revision: number }) => e.revision)).toEqual(
      Array.from({ length: 21 }, (_, i) => i),
    );
  });

  it('412 for a stale expectedRevision in the body, and for no_stream on an existing stream', async () => {
    const stream = fresh();
    await post(stream, registered());
    expect((await post(stream, { events: [need('a')], expectedRevision: 5 })).status).toBe(412);
    expect((await post(stream, { events: [need('a')], expectedRevision: 'no_stream' })).status).toBe(412);
    expect((await post(stream, { events: [need('a')], expectedRevision: 0 })).status).toBe(201);
  });

  it('413 when the body is over the limit or the batch is over the cap', async () => {
    const huge = await post(fresh(), { events: [registered({ name: 'x'.repeat(70_000) })] });
    expect(huge.status).toBe(413);
    expect(huge.headers['content-type']).toContain('application/problem+json');
    const many = await post(fresh(), {
      events: [registered(), ...Array.from({ length: 60 }, (_, i) => need(`z${i}`))],
    });
    expect(many.status).toBe(413);
  });

  it('415 for a body that is not JSON', async () => {
    const res = await ledger.request('POST', `/v1/streams/${fresh()}/events`, {
      key: ledger.keys.integration,
      rawBody: 'type=ApplicantRegistered',
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('422 with the rule when the domain refuses an impossible fact', async () => {
    const res = await post(fresh(), need('north'));
    expect(res.status).toBe(422);
    expect(res.body.code).toBeDefined();
    expect(res.body.detail).toBeTruthy();
  });

  it('a scoped integration key cannot write outside its prefix', async () => {
    const admin = ledger.keys.admin;
    const issued = await ledger.request('POST', '/v1/admin/keys', {
      key: admin,
      body: { role: 'integration', label: 'scoped', streamPrefix: 'applicant-scoped-' },
    });
    expect(issued.status).toBe(201);
    expect((await post('applicant-scoped-1', registered(), {}, issued.body.key)).status).toBe(201);
    expect((await post('applicant-other-1', registered(), {}, issued.body.key)).status).toBe(403);
  });

  it('a revoked key stops working at once', async () => {
    const issued = await ledger.request('POST', '/v1/admin/keys', {
      key: ledger.keys.admin,
      body: { role: 'integration', label: 'short-lived' },
    });
    expect((await post(fresh(), registered(), {}, issued.body.key)).status).toBe(201);
    const revoked = await ledger.request('DELETE', `/v1/admin/keys/${issued.body.keyId}`, { key: ledger.keys.admin });
    expect(revoked.status).toBe(200);
    expect((await post(fresh(), registered(), {}, issued.body.key)).status).toBe(401);
  });
});
