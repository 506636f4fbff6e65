import { startEsdbDouble, type EsdbDouble } from '@ledger/event-store/testing';
import { startTestLedger, type TestLedger } from '../support/ledger-app';

const profile = {
  name: 'Cluster ISD',
  kind: 'school-district',
  usState: 'TX',
  students: 5000,
  nslpEligibleStudents: 3000,
  economicallyDisadvantagedStudents: 3100,
  locale: 'urban',
  cep: false,
  memberApplicantIds: [],
};

// The API on EVENT_STORE=eventstoredb, the unmodified @eventstore/db-client talking gRPC to the test double.
describe.each([false, true])('the ledger on EventStoreDB (BatchAppend %s)', (batchAppend) => {
  let esdb: EsdbDouble;
  let ledger: TestLedger;
  beforeAll(async () => {
    esdb = await startEsdbDouble({ batchAppend });
    ledger = await startTestLedger({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: esdb.url });
  });
  afterAll(async () => {
    await ledger.close();
    await esdb.close();
  });

  it('appends, projects, serves read models, proves and keeps idempotency across the cluster store', async () => {
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      ledger.request('POST', '/v1/streams/applicant-cluster-1/events', { key: ledger.keys.integration, body, headers });
    const first = await post({ type: 'ApplicantRegistered', data: profile }, { 'idempotency-key': 'cluster-1' });
    expect(first.status).toBe(201);
    expect(
      (await post({ type: 'ApplicantRegistered', data: profile }, { 'idempotency-key': 'cluster-1' })).body,
    ).toEqual(first.body);
    expect(
      (
        await post({
          events: [
            {
              type: 'NeedEstimated',
              data: { area: 'north', devices: 1, hotspots: 1, unconnectedHouseholds: 1, estimatedOn: '2020-05-20' },
            },
          ],
          expectedRevision: 7,
        })
      ).status,
    ).toBe(412);
    const position = (first.body.positions as number[])[0]!;
    const model = await ledger.request('GET', `/v1/applicants/cluster-1/compliance?minPosition=${position}`, {
      key: ledger.keys.dashboard,
    });
    expect(model.status).toBe(200);
    expect(model.body.position).toBeGreaterThanOrEqual(position);
    const raw = await ledger.request('GET', '/v1/streams/applicant-cluster-1', { key: ledger.keys.auditor });
    expect(raw.body.events).toHaveLength(1);
    expect(raw.body.events[0].data).toEqual(profile);
    let proof = await ledger.request('GET', `/v1/audit/proof/${position}`, { key: ledger.keys.auditor });
    for (let i = 0; i < 50 && proof.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      proof = await ledger.request('GET', `/v1/audit/proof/${position}`, { key: ledger.keys.auditor });
    }
    expect(proof.status).toBe(200);
    expect(esdb.unexpected).toEqual([]);
  });
});
