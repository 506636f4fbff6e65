import { startEsdbDouble, type EsdbDouble } from '@ledger/event-store/testing';
import { Projector } from '@ledger/projections';
import { applicantStream } from '@ledger/domain';
import { startTestLedger, type TestLedger } from '../../../../test/support/ledger-app';

// An orchestrator restarts or drains a node on 503; the operator reading the same response must see which check failed
// and why.
describe('/health when a check fails', () => {
  let esdb: EsdbDouble;
  let node: TestLedger;
  beforeAll(async () => {
    esdb = await startEsdbDouble();
    node = await startTestLedger({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: esdb.url });
  });
  afterAll(async () => node?.close());

  it('answers 200 with every check while the store is reachable, then 503 with each check saying what failed', async () => {
    const up = await node.request('GET', '/health');
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({
      status: 'ok',
      details: {
        store: { status: 'up' },
        projector: { status: 'up', lagUnit: 'log bytes', degradedAbove: 10_000_000 },
      },
    });

    await esdb.close();
    const down = await node.request('GET', '/health');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      status: 'error',
      error: {
        store: { status: 'down', message: expect.stringMatching(/unavailable/i) },
        projector: { status: 'down', message: expect.stringMatching(/^lag unknown: .*unavailable/i) },
      },
    });
  });
});

// Lag is a warning, not a failure: the node still serves (200), and the operator sees how far behind and in what unit.
describe('/health when the projector falls behind', () => {
  let node: TestLedger;
  beforeAll(async () => {
    node = await startTestLedger({ PROJECTOR_LAG_DEGRADED_ABOVE: '2' });
  });
  afterAll(async () => node?.close());

  it('given a projector three events behind and a threshold of 2, then the projector check is degraded with the lag in events; caught up, it is up again', async () => {
    const projector = node.app.get(Projector);
    await projector.catchUp();
    await projector.stop();
    const event = { type: 'ApplicantRegistered', data: applicantStream.events.ApplicantRegistered.example };
    for (const n of [1, 2, 3])
      expect(
        (
          await node.request('POST', `/v1/streams/applicant-lag-${n}/events`, {
            key: node.keys.integration,
            body: event,
          })
        ).status,
      ).toBe(201);

    const behind = await node.request('GET', '/health');
    expect(behind.status).toBe(200);
    expect(behind.body.details.projector).toMatchObject({
      status: 'degraded',
      lag: 3,
      lagUnit: 'events',
      degradedAbove: 2,
    });

    projector.start();
    await projector.catchUp();
    const caughtUp = await node.request('GET', '/health');
    expect(caughtUp.body.details.projector).toMatchObject({ status: 'up', lag: 0 });
  });
});
