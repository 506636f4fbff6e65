import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SqliteEventStore, type EventStore } from '@ledger/event-store';
import { msConnectsEstablished, registered, type FactToRecord } from '@ledger/domain/testing';
import { startTestLedger, type TestLedger } from '../../../../test/support/ledger-app';
import { validateConfig } from '../config/validate-config';
import { createApp } from '../create-app';
import { EVENT_STORE } from '../ledger/tokens';
import { productionCatalog } from '@ledger/ledger';

/**
 * The write path decides on cached stream states. These specs put a second API node on the same
 * event store file (its own store connection, read models and caches, as a second process would
 * have) and check that neither node ever decides on a state the other has moved past.
 */
describe('stream states shared by two API nodes on one store', () => {
  let a: TestLedger;
  let b: NestFastifyApplication;
  let bStore: SqliteEventStore;
  let bDir: string;
  let store: EventStore;
  let n = 0;

  beforeAll(async () => {
    a = await startTestLedger();
    store = a.app.get<EventStore>(EVENT_STORE);
    bDir = mkdtempSync(join(tmpdir(), 'ledger-node-b-'));
    bStore = SqliteEventStore.open({ file: join(a.dataDir, 'events.sqlite') });
    b = await createApp({
      config: validateConfig({ LOG_LEVEL: 'silent', DATA_DIR: bDir }),
      catalog: productionCatalog(),
      store: bStore,
    });
    await b.init();
  });
  afterAll(async () => {
    await b.close();
    rmSync(bDir, { recursive: true, force: true });
    await a.close();
  });

  const post = async (
    node: 'a' | 'b',
    f: FactToRecord,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> => {
    const request = {
      method: 'POST' as const,
      url: `/v1/streams/${f.stream}/events`,
      headers: { 'x-api-key': a.keys.integration, 'content-type': 'application/json', ...headers },
      payload: JSON.stringify({ type: f.type, data: f.data }),
    };
    const response = node === 'a' ? await a.app.inject(request) : await b.inject(request);
    return { status: response.statusCode, body: JSON.parse(response.body) as Record<string, unknown> };
  };
  const applicant = (): string => `applicant-shared-${(n += 1)}`;
  const joined = (stream: string, program: string): FactToRecord => ({
    stream,
    type: 'ProgramJoined',
    data: { program, joinedOn: '2020-06-01' },
  });
  const need = (stream: string, area: string): FactToRecord => ({
    stream,
    type: 'NeedEstimated',
    data: { area, devices: 5, hotspots: 1, unconnectedHouseholds: 1, estimatedOn: '2020-05-20' },
  });
  const typesIn = async (stream: string): Promise<string[]> => (await store.readStream(stream)).map((e) => e.type);

  it('refuses a fact the other node already made impossible, though this node had the stream cached before it', async () => {
    const program = 'program-ms-shared-1';
    expect((await post('a', msConnectsEstablished(undefined, program))).status).toBe(201);
    const stream = applicant();
    expect((await post('a', registered(stream))).status).toBe(201);
    expect((await post('a', need(stream, 'north'))).status).toBe(201);
    expect((await post('a', registered(stream))).status).toBe(422); // read back: node a now holds the state at revision 1
    expect((await post('b', joined(stream, program))).status).toBe(201);

    const again = await post('a', joined(stream, program));
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ code: 'program-already-joined' });
    expect(await typesIn(stream)).toEqual(['ApplicantRegistered', 'NeedEstimated', 'ProgramJoined']);
  });

  it('decides on the store when the client names a revision newer than the cached one', async () => {
    const program = 'program-ms-shared-2';
    expect((await post('a', msConnectsEstablished(undefined, program))).status).toBe(201);
    const stream = applicant();
    expect((await post('a', registered(stream))).status).toBe(201);
    expect((await post('a', need(stream, 'north'))).status).toBe(201);
    expect((await post('a', registered(stream))).status).toBe(422); // read back: node a now holds the state at revision 1
    const moved = await post('b', joined(stream, program));
    expect(moved.status).toBe(201);

    const current = await post('a', joined(stream, program), { 'if-match': String(moved.body['revision']) });
    expect(current.status).toBe(422);
    const stale = await post('a', need(stream, 'south'), { 'if-match': '1' });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ actualRevision: 2 });
    expect(await typesIn(stream)).toEqual(['ApplicantRegistered', 'NeedEstimated', 'ProgramJoined']);
  });

  it('accepts a fact this node would refuse on its cached state once the other node made it possible', async () => {
    const stream = applicant();
    const early = await post('a', need(stream, 'north'));
    expect(early.status).toBe(422); // not registered: node a has now seen the stream empty
    expect(early.body).toMatchObject({ code: 'applicant-not-registered' });
    expect((await post('b', registered(stream))).status).toBe(201);

    const late = await post('a', need(stream, 'north'));
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ revision: 1 });
  });

  it('treats a stream only the other node wrote as existing: no second registration, later facts accepted', async () => {
    const stream = applicant();
    expect((await post('b', registered(stream))).status).toBe(201);

    const duplicate = await post('a', registered(stream));
    expect(duplicate.status).toBe(422);
    expect(duplicate.body).toMatchObject({ code: 'applicant-already-registered' });
    expect((await post('a', need(stream, 'east'))).status).toBe(201);
    expect((await post('b', need(stream, 'west'))).status).toBe(201);
    expect((await post('a', need(stream, 'east again'))).body).toMatchObject({ revision: 3 });
    expect(await typesIn(stream)).toEqual(['ApplicantRegistered', 'NeedEstimated', 'NeedEstimated', 'NeedEstimated']);
  });

  it('answers no_stream with 412 and the real revision when the other node created the stream', async () => {
    const stream = applicant();
    expect((await post('b', registered(stream))).status).toBe(201);
    expect((await post('b', need(stream, 'north'))).status).toBe(201);

    const refused = await post('a', registered(stream), { 'if-match': 'no_stream' });
    expect(refused.status).toBe(412);
    expect(refused.body).toMatchObject({ actualRevision: 1 });
  });
});
