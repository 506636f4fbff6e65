import { type EventStore } from '@ledger/event-store';
import { EVENT_STORE } from '../../apps/api/src/ledger/tokens';
import { startTestLedger, type TestLedger } from '../support/ledger-app';

const profile = (name: string) => ({
  name,
  kind: 'school-district',
  usState: 'MS',
  students: 100,
  nslpEligibleStudents: 60,
  economicallyDisadvantagedStudents: 60,
  locale: 'rural',
  cep: false,
  memberApplicantIds: [],
});

// Events that reach the store without the API's checks: written by another tool, by a newer version of
// the ledger, or before a catalog change. The projection skips what it does not know and stops only the
// stream a malformed event is in; the API says so instead of serving figures built on a wrong state.
describe('stored events the projection cannot use', () => {
  let ledger: TestLedger;
  let store: EventStore;
  beforeAll(async () => {
    ledger = await startTestLedger();
    store = ledger.app.get<EventStore>(EVENT_STORE);
  });
  afterAll(async () => ledger.close());
  const compliance = (id: string, query = '') =>
    ledger.request('GET', `/v1/applicants/${id}/compliance${query}`, { key: ledger.keys.dashboard });

  it('a malformed event stops its stream with a 503 naming the position, while other read models are served and follow new facts', async () => {
    await store.append('applicant-broken', [
      { type: 'ApplicantRegistered', data: profile('Broken ISD'), metadata: { schemaVersion: 1 } },
    ]);
    const bad = await store.append('applicant-broken', [
      { type: 'NeedEstimated', data: { area: 'north', devices: -5, hotspots: 'many' }, metadata: { schemaVersion: 1 } },
    ]);
    const goodAppend = await ledger.request('POST', '/v1/streams/applicant-fine/events', {
      key: ledger.keys.integration,
      body: { type: 'ApplicantRegistered', data: profile('Fine ISD') },
    });
    expect(goodAppend.status).toBe(201);
    const [position] = goodAppend.body.positions as number[];

    const fine = await compliance('fine', `?minPosition=${position}`);
    expect(fine.status).toBe(200);
    const broken = await compliance('broken');
    expect(broken.status).toBe(503);
    expect(broken.headers['content-type']).toContain('application/problem+json');
    expect(broken.body).toMatchObject({
      status: 503,
      stream: 'applicant-broken',
      position: bad.positions[0],
      eventType: 'NeedEstimated',
    });
    expect(broken.body.type).toMatch(/projection-stopped$/);
    expect(broken.body.reason).toMatch(/devices/);
    // As of a position before the malformed event, the model is still there to audit.
    expect((await compliance('broken', `?asOf=${bad.positions[0]! - 1}`)).status).toBe(200);

    // The write path decides on the same folded state, so it takes no fact on top of the malformed one.
    const head = await store.headPosition();
    const onTop = await ledger.request('POST', '/v1/streams/applicant-broken/events', {
      key: ledger.keys.integration,
      body: {
        type: 'NeedEstimated',
        data: { area: 'east', devices: 12, hotspots: 3, unconnectedHouseholds: 2, estimatedOn: '2026-01-11' },
      },
    });
    expect(onTop.status).toBe(409);
    expect(onTop.body).toMatchObject({ stream: 'applicant-broken', position: bad.positions[0] });
    expect(onTop.body.type).toMatch(/stream-stopped$/);
    expect(await store.headPosition()).toBe(head);

    const health = await ledger.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body.details.projector).toMatchObject({
      status: 'degraded',
      stoppedStreams: 1,
      firstStopped: [expect.objectContaining({ stream: 'applicant-broken', position: bad.positions[0] })],
    });
    const metrics = await ledger.request('GET', '/metrics');
    expect(metrics.text).toMatch(/^ledger_projection_stopped_streams 1$/m);
  });

  it('an event type this version does not know is skipped and counted, and its stream goes on', async () => {
    await store.append('applicant-newer', [
      { type: 'ApplicantRegistered', data: profile('Newer ISD'), metadata: { schemaVersion: 1 } },
      { type: 'BroadbandSurveyPublished', data: { surveyedOn: '2026-01-10' }, metadata: { schemaVersion: 1 } },
    ]);
    const later = await ledger.request('POST', '/v1/streams/applicant-newer/events', {
      key: ledger.keys.integration,
      body: {
        type: 'NeedEstimated',
        data: { area: 'east', devices: 12, hotspots: 3, unconnectedHouseholds: 2, estimatedOn: '2026-01-11' },
      },
    });
    expect(later.status).toBe(201);
    const model = await compliance('newer', `?minPosition=${(later.body.positions as number[])[0]}`);
    expect(model.status).toBe(200);
    const health = await ledger.request('GET', '/health');
    expect(health.body.details.projector.skippedEvents).toBe(1);
    expect((await ledger.request('GET', '/metrics')).text).toMatch(/^ledger_projection_skipped_events 1$/m);
  });
});
