import { startTestLedger, type TestLedger } from '../support/ledger-app';

const profile = {
  name: 'Rebuild ISD',
  kind: 'school-district',
  usState: 'MS',
  students: 100,
  nslpEligibleStudents: 60,
  economicallyDisadvantagedStudents: 60,
  locale: 'rural',
  cep: false,
  memberApplicantIds: [],
};

describe('POST /v1/admin/rebuild', () => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await startTestLedger();
  });
  afterAll(async () => ledger.close());

  it('rebuilds while the API keeps serving the same read models, and reports progress', async () => {
    let last = 0;
    for (let i = 0; i < 30; i++) {
      const res = await ledger.request('POST', `/v1/streams/applicant-rb-${i}/events`, {
        key: ledger.keys.integration,
        body: { type: 'ApplicantRegistered', data: profile },
      });
      last = (res.body.positions as number[])[0]!;
    }
    const before = await ledger.request('GET', `/v1/applicants/rb-7/compliance?minPosition=${last}`, {
      key: ledger.keys.dashboard,
    });
    expect(before.status).toBe(200);
    const started = await ledger.request('POST', '/v1/admin/rebuild', { key: ledger.keys.admin });
    expect(started.status).toBe(202);
    const during = await ledger.request('GET', '/v1/applicants/rb-7/compliance', { key: ledger.keys.dashboard });
    expect(during.status).toBe(200);
    expect(during.body.data).toEqual(before.body.data);
    let status = started.body;
    for (let i = 0; i < 100 && status.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await ledger.request('GET', '/v1/admin/rebuild', { key: ledger.keys.admin })).body;
    }
    expect(status.state).toBe('done');
    expect(status.result.position).toBeGreaterThanOrEqual(last);
    const after = await ledger.request('GET', '/v1/applicants/rb-7/compliance', { key: ledger.keys.dashboard });
    expect(after.body.data).toEqual(before.body.data);
    expect((await ledger.request('POST', '/v1/admin/rebuild', { key: ledger.keys.auditor })).status).toBe(403);
  });
});
