import { startEsdbDouble, type EsdbDouble } from '@ledger/event-store/testing';
import { startTestLedger, type TestLedger } from '../../../../test/support/ledger-app';

// An orchestrator restarts or drains a node on 503; the operator reading the same response must see which check failed and why.
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
    expect(up.body).toMatchObject({ status: 'ok', details: { store: { status: 'up' }, projector: { status: 'up' } } });

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
